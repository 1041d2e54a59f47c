import { APP } from '@corsica/cors-testkit';
import type { AbstractHttpAdapter } from '@nestjs/core';
import { describe, expect, it, vi } from 'vitest';
import { platformLayer } from '../src/platform-layer.ts';

type Middleware = (req: object, res: object, next: (error?: unknown) => void) => void;

/** An HTTP adapter as platformLayer sees it: its type, and where middleware goes. */
function adapterOf(type: string) {
  const middleware: Middleware[] = [];
  const adapter = {
    getType: () => type,
    use: vi.fn((handler: Middleware) => middleware.push(handler)),
    getInstance: vi.fn(),
  };
  return { adapter, http: adapter as unknown as AbstractHttpAdapter, middleware };
}

describe('the platform layer', () => {
  it('refuses an HTTP adapter other than express and fastify, and adds nothing to it', async () => {
    const { adapter, http } = adapterOf('h3');
    const install = platformLayer(http);
    await expect(install({ origins: [APP] })).rejects.toThrow(
      new Error(
        `@corsica/cors-nest runs on @nestjs/platform-express and @nestjs/platform-fastify; this app's HTTP adapter is "h3".`,
      ),
    );
    expect(adapter.use).not.toHaveBeenCalled();
    expect(adapter.getInstance).not.toHaveBeenCalled();
  });

  it('on express, goes in first and fails the requests that arrive before app.init() compiled CORS', () => {
    const { adapter, http, middleware } = adapterOf('express');
    platformLayer(http);
    expect(adapter.use).toHaveBeenCalledOnce();
    const next = vi.fn();
    middleware[0]?.({}, {}, next);
    expect(next).toHaveBeenCalledExactlyOnceWith(
      new Error('@corsica/cors-nest: a request arrived before app.init() compiled CORS.'),
    );
  });
});
