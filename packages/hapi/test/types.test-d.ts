import type { CorsInput } from '@corsica/cors-core';
import type { Plugin, Request } from '@hapi/hapi';
import Hapi from '@hapi/hapi';
import { describe, expectTypeOf, it } from 'vitest';
import { cors, createCors } from '../src/index.ts';

describe('cors', () => {
  it("is hapi's own Plugin, taking Corsica options or a compiled policy", () => {
    expectTypeOf(cors).toEqualTypeOf<Plugin<CorsInput<Request>>>();
  });

  it('fits server.register', async () => {
    const server = Hapi.server();
    await server.register({ plugin: cors, options: { origins: ['https://app.example.com'] } });
    await server.register({ plugin: cors, options: createCors({ origins: '*' }) });
  });

  it("gives origin predicates hapi's own request", async () => {
    const server = Hapi.server();
    await server.register({
      plugin: cors,
      options: {
        origins: (origin, request) => {
          expectTypeOf(request).toEqualTypeOf<Request>();
          return origin === `https://app.${request.info.hostname}`;
        },
      },
    });
  });

  it("refuses the cors package's option names", async () => {
    const server = Hapi.server();
    // @ts-expect-error Corsica spells it `origins`
    await server.register({ plugin: cors, options: { origin: 'https://app.example.com' } });
  });
});
