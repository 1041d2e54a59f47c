import type { AsyncCorsOrigins, CorsInput, CorsPolicyOptions } from '@corsica/cors-core';
import type { DynamicModule, NestModule } from '@nestjs/common';
import { Controller, Get, Module } from '@nestjs/common';
import type { Request } from 'express';
import type { FastifyRequest } from 'fastify';
import { describe, expectTypeOf, it } from 'vitest';
import type { CorsModuleAsyncOptions, CorsRouteOptions, PlatformRequest } from '../src/index.ts';
import { Cors, CorsModule, createCors } from '../src/index.ts';

class Settings {
  get(name: string): string {
    return name;
  }
}

describe('CorsModule', () => {
  it('is a NestModule whose forRoot takes Corsica options or a compiled policy', () => {
    expectTypeOf<CorsModule>().toExtend<NestModule>();
    expectTypeOf(CorsModule.forRoot<PlatformRequest>)
      .parameter(0)
      .toEqualTypeOf<CorsInput<PlatformRequest>>();
    expectTypeOf(
      CorsModule.forRoot({ origins: ['https://app.example.com'] }),
    ).toEqualTypeOf<DynamicModule>();
    expectTypeOf(CorsModule.forRoot).toBeCallableWith(createCors({ origins: '*' }));
    expectTypeOf(CorsModule.forRoot).toBeCallableWith({
      origins: async (origin: string) => origin.endsWith('.example.com'),
    });
  });

  it("gives predicates the platform's request: what both share, or the type named", () => {
    expectTypeOf<Request>().toExtend<PlatformRequest>();
    expectTypeOf<FastifyRequest>().toExtend<PlatformRequest>();
    CorsModule.forRoot({
      origins: (_origin, request) => {
        expectTypeOf(request).toEqualTypeOf<PlatformRequest>();
        return request.headers.host === 'tenant.example.com';
      },
    });
    CorsModule.forRoot<FastifyRequest>({
      origins: async (_origin, request) => {
        expectTypeOf(request).toEqualTypeOf<FastifyRequest>();
        return request.hostname === 'tenant.example.com';
      },
    });
    // Inferred from the predicate's own annotation.
    CorsModule.forRoot({ origins: (_origin, request: Request) => request.originalUrl !== '/' });
    CorsModule.forRoot({
      // @ts-expect-error only express has `originalUrl`: name the platform's request to read it
      origins: (_origin, request) => request.originalUrl !== '/',
    });
  });

  it("refuses the options of Nest's enableCors", () => {
    // @ts-expect-error Corsica spells it `origins`
    CorsModule.forRoot({ origin: 'https://app.example.com' });
  });

  it('builds the policy in forRootAsync from typed injected providers, sync or async', () => {
    expectTypeOf(CorsModule.forRootAsync<PlatformRequest>)
      .parameter(0)
      .toEqualTypeOf<CorsModuleAsyncOptions>();
    expectTypeOf(
      CorsModule.forRootAsync({
        inject: [Settings],
        useFactory: (settings: Settings) => ({ origins: [settings.get('ORIGIN')] }),
      }),
    ).toEqualTypeOf<DynamicModule>();
    CorsModule.forRootAsync({ useFactory: async () => createCors({ origins: '*' }) });
    CorsModule.forRootAsync<FastifyRequest>({
      useFactory: () => ({ origins: async (_origin, request) => request.hostname === 'a.example' }),
    });
    // @ts-expect-error the factory must return a policy
    CorsModule.forRootAsync({ useFactory: () => 'https://app.example.com' });
  });

  it('fits the imports of a module', () => {
    @Module({ imports: [CorsModule.forRoot({ origins: '*' })] })
    class AppModule {}
    expectTypeOf(AppModule).toBeConstructibleWith();
  });
});

describe('@Cors()', () => {
  it("takes a route's options, false, or nothing, and decorates classes and methods", () => {
    expectTypeOf<CorsRouteOptions>().toEqualTypeOf<
      CorsPolicyOptions<AsyncCorsOrigins<PlatformRequest>>
    >();
    expectTypeOf(Cors<PlatformRequest>)
      .parameter(0)
      .toEqualTypeOf<CorsRouteOptions | false | undefined>();
    expectTypeOf(Cors()).toEqualTypeOf<ClassDecorator & MethodDecorator>();

    @Cors({ origins: '*' })
    @Controller('public')
    class PublicController {
      @Cors(false)
      @Get('hook')
      hook(): void {}

      @Cors<Request>({ origins: (_origin, request) => request.originalUrl.startsWith('/public') })
      @Get('mine')
      mine(): void {}
    }
    expectTypeOf(PublicController).toBeConstructibleWith();
  });

  it('refuses what is not a per-route policy', () => {
    // @ts-expect-error true is not a policy
    Cors(true);
    // @ts-expect-error routes belong to the global policy
    Cors({ routes: [] });
    // @ts-expect-error Corsica spells it `origins`
    Cors({ origin: '*' });
  });
});
