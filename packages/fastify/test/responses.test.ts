import { APP, corsHeadersOf, exchange, fromOrigin } from '@corsica/cors-testkit';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { cors } from '../src/index.ts';
import { serving } from './support/serving.ts';

const fromApp = (path: string) => fromOrigin(APP, 'GET', path);
const grant = {
  'access-control-allow-origin': [APP],
  'access-control-expose-headers': ['X-Request-Id'],
};

async function app() {
  const app = Fastify();
  await app.register(cors, { origins: [APP], exposedHeaders: ['X-Request-Id'] });
  app.get('/vary/star', async (_request, reply) => reply.header('vary', '*').send('any'));
  app.get('/vary/origin', async (_request, reply) => reply.header('Vary', 'origin').send('own'));
  await app.register((api, _options, done) => {
    api.setErrorHandler(async (_error, _request, reply) =>
      reply.code(409).send({ conflict: true }),
    );
    api.get('/api/conflict', async () => {
      throw new Error('taken');
    });
    done();
  });
  return app;
}

describe('responses the app or fastify writes', () => {
  it("keep the app's Vary: * as it is", async () => {
    const [response] = await exchange(serving(await app()), fromApp('/vary/star'));
    expect(response && corsHeadersOf(response)).toEqual({ ...grant, vary: ['*'] });
  });

  it('get no second Origin when the app already varies on it, in any case', async () => {
    const [response] = await exchange(serving(await app()), fromApp('/vary/origin'));
    expect(response && corsHeadersOf(response)).toEqual({ ...grant, vary: ['origin'] });
  });

  it('from a custom error handler keep the CORS headers', async () => {
    const [response] = await exchange(serving(await app()), fromApp('/api/conflict'));
    expect(response?.status).toBe(409);
    expect(response && corsHeadersOf(response)).toEqual({ ...grant, vary: ['Origin'] });
  });

  it('keep Origin in Vary and the CORS headers when an onSend hook added later replaces them', async () => {
    const later = await app();
    later.addHook('onSend', async (_request, reply, payload) => {
      reply.header('vary', 'Accept-Encoding');
      reply.header('access-control-allow-origin', '*');
      return payload;
    });
    later.get('/later', async () => 'hooked');
    const [response] = await exchange(serving(later), fromApp('/later'));
    expect(response && corsHeadersOf(response)).toEqual({
      ...grant,
      vary: ['Accept-Encoding, Origin'],
    });
  });
});
