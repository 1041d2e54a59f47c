import type { AdapterHarness } from '@corsica/cors-testkit';
import { HANDLER_MARKER, HANDLER_RAN } from '@corsica/cors-testkit';
import { describeConformance } from '@corsica/cors-testkit/vitest';
import type { FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import Fastify from 'fastify';
import { cors } from '../src/index.ts';
import { serving } from './support/serving.ts';

function ran(reply: FastifyReply): string {
  reply.header(HANDLER_MARKER, HANDLER_RAN);
  return HANDLER_RAN;
}

/** The admin area marks its responses, so the kit can tell which spellings reach it. */
function admin(reply: FastifyReply): string {
  reply.header('x-corsica-area', 'admin');
  return ran(reply);
}

/**
 * fastify 5 reads `useSemicolonDelimiter` from `routerOptions` (its top-level spelling is
 * deprecated, FSTDEP022), but its types, taken from find-my-way's, do not declare it there.
 */
type RouterOptions = NonNullable<FastifyServerOptions['routerOptions']> & {
  useSemicolonDelimiter?: boolean;
};

/** The kit's test application, in fastify's idiom; the plugin registered the way the README says. */
function harness(name: string, routerOptions: RouterOptions = {}): AdapterHarness {
  return {
    name,
    hostOf: (request) => (request as FastifyRequest).headers.host,
    async start(policy, { maxHeaderSize }) {
      const app = Fastify({
        routerOptions,
        ...(maxHeaderSize === undefined ? {} : { http: { maxHeaderSize } }),
      });
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
      app.all('/vary-replaced', async (_request, reply) => {
        reply.header('vary', 'Accept-Encoding');
        return ran(reply);
      });
      app.all('/throw', async () => {
        throw new Error('handler failure');
      });
      // fastify's default error handler applies `error.headers` (reply.headers) and `statusCode`.
      app.all('/throw-with-headers', async () => {
        throw Object.assign(new Error('gone'), {
          statusCode: 404,
          headers: { Vary: 'Accept-Language' },
        });
      });
      app.all('/throw-non-error', async () => {
        throw 'boom';
      });
      app.all('/admin', async (_request, reply) => admin(reply));
      app.all('/admin/*', async (_request, reply) => admin(reply));
      return serving(app)();
    },
  };
}

describeConformance(harness('fastify 5'));

/** The spellings the router options make fastify route differently, under each option. */
const pathCases = {
  filter: (id: string) =>
    id.startsWith('admin-') || id.startsWith('exact-path-') || id.startsWith('flask-cors-'),
};
describeConformance(
  harness('fastify 5 (routerOptions.ignoreTrailingSlash)', { ignoreTrailingSlash: true }),
  pathCases,
);
describeConformance(
  harness('fastify 5 (routerOptions.useSemicolonDelimiter)', { useSemicolonDelimiter: true }),
  pathCases,
);
describeConformance(
  harness('fastify 5 (routerOptions.caseSensitive: false)', { caseSensitive: false }),
  pathCases,
);
