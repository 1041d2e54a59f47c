import { cors } from '@corsica/cors-express';
import express from 'express';

const app = express();

// First, so preflights (which never carry cookies) are answered before anything can refuse them.
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
app.use(express.json());

const items = new Map([['1', { id: '1', name: 'Notebook' }]]);
let requestCount = 0;

/** The value of one cookie from a Cookie header, or undefined. */
function readCookie(header, name) {
  for (const pair of (header ?? '').split(';')) {
    const [key, ...value] = pair.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

app.get('/api/me', (req, res) => {
  const user = readCookie(req.headers.cookie, 'session');
  if (user === undefined) {
    res.status(401).json({ error: 'not signed in' });
    return;
  }
  res.json({ user });
});

app.put('/api/items/:id', (req, res) => {
  const item = { ...items.get(req.params.id), ...req.body, id: req.params.id };
  items.set(item.id, item);
  requestCount += 1;
  res.set('X-Request-Id', String(requestCount)).json(item);
});

const port = Number(process.env.PORT ?? 3001);
const host = process.env.HOST ?? '127.0.0.1';
const server = app.listen(port, host, (error) => {
  if (error) throw error;
  console.log(`listening on http://${host}:${server.address().port}`);
});
