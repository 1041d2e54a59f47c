import type { AddressInfo } from 'node:net';
import { HANDLER_MARKER, HANDLER_RAN } from '@corsica/cors-testkit';
import type { FastifyCorsOptions } from '@fastify/cors';
import fastifyCors from '@fastify/cors';
import Fastify from 'fastify';
import type { Peer } from '../peer.ts';
import { ConfigRejected } from '../peer.ts';
import { noPrivateNetworkOption, originsOf, STAR_WITH_CREDENTIALS } from '../policy.ts';

const LIBRARY = '@fastify/cors';

/** @fastify/cors on fastify 5, registered on the root instance as its README says. */
export const fastifyPeer: Peer<FastifyCorsOptions> = {
  id: '@fastify/cors',
  library: '`@fastify/cors` on fastify',
  packageName: '@fastify/cors',
  frameworkPackage: 'fastify',
  configuration: [
    "`origin`: `'*'`, or an array of the exact origins (strings) and, for subdomain patterns, anchored and escaped RegExps.",
    '`credentials`, `methods`, `allowedHeaders`, `exposedHeaders` and `maxAge` from the policy (`*` passed through as `*`); `optionsSuccessStatus` when the policy sets a status; every other option (`hook`, `preflight`, `strictPreflight`, `preflightContinue`) left at its default.',
  ],
  map(policy) {
    const skips: string[] = [];
    const credentials = policy.allowCredentials;
    if (policy.allowPrivateNetwork) skips.push(noPrivateNetworkOption(LIBRARY));
    if (credentials && policy.allowedMethods === '*')
      skips.push(STAR_WITH_CREDENTIALS.methods(LIBRARY));
    if (credentials && policy.allowedHeaders === '*')
      skips.push(STAR_WITH_CREDENTIALS.headers(LIBRARY));
    if (credentials && policy.exposedHeaders === '*')
      skips.push(STAR_WITH_CREDENTIALS.exposed(LIBRARY));
    if (skips.length > 0) return { skip: skips.join('; ') };
    const origins = originsOf(policy);
    const list = (value: '*' | readonly string[]): string | string[] =>
      value === '*' ? '*' : [...value];
    return {
      options: {
        origin: origins === '*' ? '*' : [...origins.entries],
        credentials,
        methods: list(policy.allowedMethods),
        allowedHeaders: list(policy.allowedHeaders),
        exposedHeaders: list(policy.exposedHeaders),
        ...(policy.maxAgeSeconds === null ? {} : { maxAge: policy.maxAgeSeconds }),
        ...(policy.preflightSuccessStatus === null
          ? {}
          : { optionsSuccessStatus: policy.preflightSuccessStatus }),
      },
    };
  },
  async start(options, maxHeaderSize) {
    const app = Fastify({ http: { maxHeaderSize } });
    try {
      await app.register(fastifyCors, options);
    } catch (error) {
      await app.close();
      throw new ConfigRejected(error instanceof Error ? error.message : String(error), {
        cause: error,
      });
    }
    // The handler reads no body: vectors send Content-Type without one, which fastify's own
    // parsers answer with 400 or 415 before any handler runs.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', (_request, _payload, done) => done(null));
    app.all('/api/*', async (_request, reply) => {
      reply.header(HANDLER_MARKER, HANDLER_RAN);
      return HANDLER_RAN;
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}`, close: () => app.close() };
  },
};
