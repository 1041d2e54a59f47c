// A tiny JSON API on hapi, readable from https://app.example.com with cookies.
import cors from '@corsica/cors-hapi';
import Hapi from '@hapi/hapi';

const server = Hapi.server({
  host: process.env.HOST ?? '127.0.0.1',
  port: Number(process.env.PORT ?? 3008),
});

// First, so its onRequest answers preflights (which never carry cookies) before anything else.
await server.register({
  plugin: cors,
  options: {
    origins: ['https://app.example.com', 'http://localhost:5173'],
    credentials: true,
    methods: ['PUT'],
    allowedHeaders: ['Content-Type'],
    exposedHeaders: ['X-Request-Id'],
    maxAge: 600,
  },
});

const items = new Map([['1', { id: '1', name: 'Notebook' }]]);
let requestCount = 0;

server.route({
  method: 'GET',
  path: '/api/me',
  handler: (request, h) => {
    const user = request.state.session;
    if (user === undefined) return h.response({ error: 'not signed in' }).code(401);
    return { user };
  },
});

server.route({
  method: 'PUT',
  path: '/api/items/{id}',
  handler: (request, h) => {
    const { id } = request.params;
    const item = { ...items.get(id), ...request.payload, id };
    items.set(id, item);
    requestCount += 1;
    return h.response(item).header('X-Request-Id', String(requestCount));
  },
});

await server.start();
console.log(`listening on ${server.info.uri}`);
