import type { AsyncCorsOrigins, CorsInput, CorsPolicyOptions } from '@corsica/cors-core';
import type { DynamicModule, NestModule } from '@nestjs/common';
import { Controller, Get, Module } from '@nestjs/common';
import { describe, expectTypeOf, it } from 'vitest';
import type { CorsModuleAsyncOptions, CorsRouteOptions } from '../src/index.ts';
import { Cors, CorsModule, createCors } from '../src/index.ts';

class Settings {
  get(name: string): string {
    return name;
  }
}

describe('CorsModule', () => {
  it('is a NestModule whose forRoot takes Corsica options or a compiled policy', () => {
    expectTypeOf<CorsModule>().toExtend<NestModule>();
    expectTypeOf(CorsModule.forRoot).parameter(0).toEqualTypeOf<CorsInput>();
    expectTypeOf(
      CorsModule.forRoot({ origins: ['https://app.example.com'] }),
    ).toEqualTypeOf<DynamicModule>();
    expectTypeOf(CorsModule.forRoot).toBeCallableWith(createCors({ origins: '*' }));
    expectTypeOf(CorsModule.forRoot).toBeCallableWith({
      origins: async (origin: string) => origin.endsWith('.example.com'),
    });
  });

  it("refuses the options of Nest's enableCors", () => {
    // @ts-expect-error Corsica spells it `origins`
    CorsModule.forRoot({ origin: 'https://app.example.com' });
  });

  it('builds the policy in forRootAsync from typed injected providers, sync or async', () => {
    expectTypeOf(CorsModule.forRootAsync).parameter(0).toEqualTypeOf<CorsModuleAsyncOptions>();
    expectTypeOf(
      CorsModule.forRootAsync({
        inject: [Settings],
        useFactory: (settings: Settings) => ({ origins: [settings.get('ORIGIN')] }),
      }),
    ).toEqualTypeOf<DynamicModule>();
    CorsModule.forRootAsync({ useFactory: async () => createCors({ origins: '*' }) });
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
    expectTypeOf<CorsRouteOptions>().toEqualTypeOf<CorsPolicyOptions<AsyncCorsOrigins>>();
    expectTypeOf(Cors).parameter(0).toEqualTypeOf<CorsRouteOptions | false | undefined>();
    expectTypeOf(Cors()).toEqualTypeOf<ClassDecorator & MethodDecorator>();

    @Cors({ origins: '*' })
    @Controller('public')
    class PublicController {
      @Cors(false)
      @Get('hook')
      hook(): void {}
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
