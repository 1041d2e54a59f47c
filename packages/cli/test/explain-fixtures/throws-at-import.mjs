import { createCors } from '@corsica/cors-core';

// A trailing slash: createCors() throws while this module is imported.
export default createCors({ origins: ['https://app.example.com/'] });
