// Serves the Fetch handler on Node.js: @hono/node-server turns Node's requests into Web Requests
// and writes back the Responses. No Hono app is involved.
import { serve } from '@hono/node-server';
import { handler } from './handler.js';

const port = Number(process.env.PORT ?? 3007);
const hostname = process.env.HOST ?? '127.0.0.1';

serve({ fetch: handler, port, hostname }, (info) => {
  console.log(`listening on http://${hostname}:${info.port}`);
});
