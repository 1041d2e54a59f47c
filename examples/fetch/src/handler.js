// A tiny JSON API as one Fetch handler (a Request in, a Response out), readable from
// https://app.example.com with cookies. Nothing in it is Node's: server.js serves it on Node.js,
// and Bun, Deno and Cloudflare Workers take it as it is (see the README).
import { withCors } from '@corsica/cors-fetch';

const items = new Map([['1', { id: '1', name: 'Notebook' }]]);

/** The value of one cookie from a Cookie header, or undefined. */
function readCookie(header, name) {
  for (const pair of (header ?? '').split(';')) {
    const [key, ...value] = pair.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

function json(body, status = 200) {
  return Response.json(body, { status, headers: { 'X-Request-Id': crypto.randomUUID() } });
}

async function api(request) {
  const { pathname } = new URL(request.url);
  const item = /^\/api\/items\/([^/]+)$/.exec(pathname);
  if (request.method === 'GET' && pathname === '/api/me') {
    const user = readCookie(request.headers.get('cookie'), 'session');
    return user === undefined ? json({ error: 'not signed in' }, 401) : json({ user });
  }
  if (request.method === 'PUT' && item) {
    // Answered here, not thrown: withCors adds its headers only to a response the handler returns.
    const body = await request.json().catch(() => undefined);
    if (typeof body !== 'object' || body === null) return json({ error: 'expected JSON' }, 400);
    const saved = { ...items.get(item[1]), ...body, id: item[1] };
    items.set(saved.id, saved);
    return json(saved);
  }
  if (request.method === 'DELETE' && item) {
    items.delete(item[1]);
    return new Response(null, { status: 204 });
  }
  return json({ error: 'not found' }, 404);
}

// Preflights are answered by withCors itself; every other response gets the CORS headers.
export const handler = withCors(
  {
    origins: ['https://app.example.com', 'http://localhost:5173'],
    credentials: true,
    methods: ['PUT', 'DELETE'],
    allowedHeaders: ['Content-Type'],
    exposedHeaders: ['X-Request-Id'],
    maxAge: 600,
  },
  api,
);
