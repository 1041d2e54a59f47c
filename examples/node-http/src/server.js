// A tiny JSON API on node:http, readable from https://app.example.com with cookies.
import { createServer } from 'node:http';
import { withCors } from '@corsica/cors-node-http';

const cors = {
  origins: ['https://app.example.com', 'http://localhost:5173'],
  credentials: true,
  methods: ['PUT', 'DELETE'],
  allowedHeaders: ['Content-Type'],
  exposedHeaders: ['X-Request-Id'],
  maxAge: 600,
};

const items = new Map([['1', { id: '1', name: 'first' }]]);

function json(res, status, body) {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.setHeader('x-request-id', crypto.randomUUID());
  res.end(JSON.stringify(body));
}

const server = createServer(
  withCors(cors, (req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    const item = /^\/api\/items\/([^/]+)$/.exec(pathname);
    if (req.method === 'GET' && pathname === '/api/me') {
      return json(res, 200, { signedIn: /(^|;\s*)session=/.test(req.headers.cookie ?? '') });
    }
    if (req.method === 'PUT' && item) {
      items.set(item[1], { id: item[1], name: 'updated' });
      return json(res, 200, items.get(item[1]));
    }
    if (req.method === 'DELETE' && item) {
      items.delete(item[1]);
      res.statusCode = 204;
      return res.end();
    }
    json(res, 404, { error: 'not found' });
  }),
);

server.listen(Number(process.env.PORT ?? 3004), process.env.HOST ?? '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}`);
});
