// A tiny JSON API on Hono and @hono/node-server, readable from https://app.example.com with cookies.
import { cors } from '@corsica/cors-hono';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';

const app = new Hono();

app.use(
  '*',
  cors({
    origins: ['https://app.example.com', 'http://localhost:5173'],
    credentials: true,
    methods: ['PUT', 'DELETE'],
    allowedHeaders: ['Content-Type'],
    exposedHeaders: ['X-Request-Id'],
    maxAge: 600,
  }),
);

app.use('*', async (c, next) => {
  c.header('X-Request-Id', crypto.randomUUID());
  await next();
});

const items = new Map([['1', { id: '1', name: 'first' }]]);

app.get('/api/me', (c) => c.json({ signedIn: getCookie(c, 'session') !== undefined }));

app.put('/api/items/:id', async (c) => {
  const { name } = await c.req.json();
  const item = { id: c.req.param('id'), name: String(name) };
  items.set(item.id, item);
  return c.json(item);
});

app.delete('/api/items/:id', (c) => {
  items.delete(c.req.param('id'));
  return c.body(null, 204);
});

app.notFound((c) => c.json({ error: 'not found' }, 404));

const port = Number(process.env.PORT ?? 3005);
const hostname = process.env.HOST ?? '127.0.0.1';

serve({ fetch: app.fetch, port, hostname }, (info) => {
  console.log(`listening on http://127.0.0.1:${info.port}`);
});
