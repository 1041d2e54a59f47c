import { cors } from '@corsica/cors-fastify';
import Fastify from 'fastify';

const app = Fastify();

// The browser app may call this API with cookies; nothing else may read its answers.
await app.register(cors, {
  origins: ['https://app.example.com', 'http://localhost:5173'],
  credentials: true,
  methods: ['PUT'],
  allowedHeaders: ['Content-Type'],
  exposedHeaders: ['X-Request-Id'],
  maxAge: 600,
});

const items = new Map([['1', { id: '1', name: 'Notebook' }]]);

app.get('/api/me', async (_request, reply) => {
  reply.header('X-Request-Id', crypto.randomUUID());
  return { name: 'Ada', signedIn: true };
});

app.put('/api/items/:id', async (request) => {
  const item = { ...request.body, id: request.params.id };
  items.set(item.id, item);
  return item;
});

// Any site may read the status, anonymously: this route's own policy replaces the one above.
app.get('/api/status', { config: { cors: { origins: '*' } } }, async () => ({ up: true }));

const host = process.env.HOST ?? '127.0.0.1';
await app.listen({ port: Number(process.env.PORT ?? 3003), host });
console.log(`listening on http://${host}:${app.server.address().port}`);
