import { cors } from '@corsica/cors-koa';
import Router from '@koa/router';
import Koa from 'koa';

const app = new Koa();

// The browser app may call this API with cookies; nothing else may read its answers.
app.use(
  cors({
    origins: ['https://app.example.com', 'http://localhost:5173'],
    credentials: true,
    methods: ['PUT'],
    allowedHeaders: ['Content-Type'],
    exposedHeaders: ['X-Request-Id'],
    maxAge: 600,
  }),
);

const items = new Map([['1', { id: '1', name: 'Notebook' }]]);

async function readJson(ctx) {
  let text = '';
  for await (const chunk of ctx.req) {
    text += chunk;
    if (text.length > 64 * 1024) ctx.throw(413, 'the body is too large');
  }
  if (text === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    ctx.throw(400, 'the body is not JSON');
  }
}

const api = new Router({ prefix: '/api' });

api.get('/me', (ctx) => {
  ctx.set('X-Request-Id', crypto.randomUUID());
  ctx.body = { name: 'Ada', signedIn: true };
});

api.put('/items/:id', async (ctx) => {
  const item = { ...(await readJson(ctx)), id: ctx.params.id };
  items.set(item.id, item);
  ctx.body = item;
});

app.use(api.routes());
app.use(api.allowedMethods());

const host = process.env.HOST ?? '127.0.0.1';
const server = app.listen(Number(process.env.PORT ?? 3002), host, () => {
  console.log(`listening on http://${host}:${server.address().port}`);
});
