import type { AdapterHarness } from '@corsica/cors-testkit';
import { HANDLER_MARKER, HANDLER_RAN } from '@corsica/cors-testkit';
import { describeConformance } from '@corsica/cors-testkit/vitest';
import type { FastifyReply } from 'fastify';
import Fastify from 'fastify';
import { cors } from '../src/index.ts';
import { listen } from './support/listen.ts';

function ran(reply: FastifyReply): string {
  reply.header(HANDLER_MARKER, HANDLER_RAN);
  return HANDLER_RAN;
}

/** The kit's test application, in fastify's idiom; the plugin registered the way the README says. */
const harness: AdapterHarness = {
  name: 'fastify 5',
  async start(policy, { maxHeaderSize }) {
    const app = Fastify(maxHeaderSize === undefined ? {} : { http: { maxHeaderSize } });
    await app.register(cors, policy);
    // The handlers read no body: vectors send Content-Type without one, which fastify's own
    // parsers answer with 400 or 415 before any handler runs.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', (_request, _payload, done) => done(null));
    app.all('/api/*', async (_request, reply) => ran(reply));
    app.get('/get-only', async (_request, reply) => ran(reply));
    app.all('/vary', async (_request, reply) => {
      reply.header('vary', 'Accept-Encoding');
      return ran(reply);
    });
    app.all('/throw', async () => {
      throw new Error('handler failure');
    });
    return listen(app);
  },
};

describeConformance(harness);
