import { createCors } from '@corsica/cors-core';

export default createCors({
  origins: ['https://app.example.com'],
  credentials: true,
  methods: ['DELETE'],
});
