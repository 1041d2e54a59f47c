export const policy = { origins: ['https://app.example.com'] };
