import { IncomingMessage } from 'node:http';
import { APP, corsHeadersOf, fromOrigin, PARTNER } from '@corsica/cors-testkit';
import { Controller, Get, Module } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import type { PlatformRequest } from '../src/index.ts';
import { Cors, CorsModule } from '../src/index.ts';
import { platforms } from './support/platforms.ts';
import { serve } from './support/requests.ts';

/** The requests each predicate was called with. */
const seen: { global: PlatformRequest[]; decorated: PlatformRequest[] } = {
  global: [],
  decorated: [],
};

@Controller('tenants')
class TenantsController {
  @Get('home')
  home(): string {
    return 'home';
  }

  @Cors({
    origins: async (origin, request) => {
      seen.decorated.push(request);
      return origin === PARTNER;
    },
  })
  @Get('shared')
  shared(): string {
    return 'shared';
  }
}

@Module({
  imports: [
    CorsModule.forRoot({
      origins: (origin, request) => {
        seen.global.push(request);
        return origin === APP && request.headers.host?.startsWith('127.0.0.1:') === true;
      },
    }),
  ],
  controllers: [TenantsController],
})
class AppModule {}

describe.each(platforms)('origin predicates on $name', (platform) => {
  it("receive the platform's own request, in forRoot and in @Cors()", async () => {
    seen.global.length = 0;
    seen.decorated.length = 0;
    const app = await serve(platform, AppModule);
    try {
      const home = await app.send(fromOrigin(APP, 'GET', '/tenants/home'));
      expect(corsHeadersOf(home)).toEqual({
        'access-control-allow-origin': [APP],
        vary: ['Origin'],
      });
      const shared = await app.send(fromOrigin(PARTNER, 'GET', '/tenants/shared?x=1'));
      expect(corsHeadersOf(shared)).toEqual({
        'access-control-allow-origin': [PARTNER],
        vary: ['Origin'],
      });
    } finally {
      await app.close();
    }
    const [global] = seen.global;
    const [decorated] = seen.decorated;
    expect(seen.global).toHaveLength(1);
    expect(seen.decorated).toHaveLength(1);
    expect(global?.url).toBe('/tenants/home');
    expect(decorated?.url).toBe('/tenants/shared?x=1');
    for (const request of [global, decorated]) {
      // express `req` is Node's request itself; fastify's `request` wraps it as `raw`.
      if (platform.name === 'express') expect(request).toBeInstanceOf(IncomingMessage);
      else expect((request as unknown as { raw: unknown }).raw).toBeInstanceOf(IncomingMessage);
    }
  });
});
