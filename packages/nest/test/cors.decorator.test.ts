import { PARTNER } from '@corsica/cors-testkit';
import { Controller, Get } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { describe, expect, it } from 'vitest';
import { Cors } from '../src/index.ts';

/**
 * What `@Cors()` writes, read as src/handler-routes.ts reads it. The key is a plain string, the
 * same in the ESM and the CommonJS build, so that an app whose controllers load one build and
 * whose CorsModule loads the other still finds every decorator.
 */
const KEY = '@corsica/cors-nest:cors';

describe('@Cors()', () => {
  const reflector = new Reflector();

  it("stores a handler's options under '@corsica/cors-nest:cors'", () => {
    const options = { origins: [PARTNER] };
    class ReportsController {
      @Cors(options)
      @Get()
      list(): void {}
    }
    expect(reflector.get(KEY, ReportsController.prototype.list)).toBe(options);
  });

  it("stores a controller's setting, false included, under the same key", () => {
    @Cors(false)
    @Controller('webhooks')
    class WebhooksController {}
    expect(reflector.get(KEY, WebhooksController)).toBe(false);
  });

  it('stores one shared, frozen, empty setting for every bare @Cors(): the global policy', () => {
    @Cors()
    @Controller('a')
    class AController {}
    @Cors(undefined)
    @Controller('b')
    class BController {}
    const setting: unknown = reflector.get(KEY, AController);
    expect(setting).toEqual({});
    expect(Object.isFrozen(setting)).toBe(true);
    expect(reflector.get(KEY, BController)).toBe(setting);
  });
});
