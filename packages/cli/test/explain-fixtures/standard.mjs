export default {
  origins: ['https://app.example.com'],
  methods: ['PUT'],
  allowedHeaders: ['Content-Type'],
};
