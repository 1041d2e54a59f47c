import type { CorsInput } from '@corsica/cors-core';
import type { AbstractHttpAdapter } from '@nestjs/core';

/** Puts the app's policy in force, before Nest registers its routes. */
export type Install = (policy: CorsInput<unknown>) => Promise<void>;
type Middleware = (req: object, res: object, next: (error?: unknown) => void) => void;

/** The Corsica adapters: optional peers, imported only for the platform the app runs on. */
export const platformAdapters = {
  express: (): Promise<typeof import('@corsica/cors-express')> => import('@corsica/cors-express'),
  fastify: (): Promise<typeof import('@corsica/cors-fastify')> => import('@corsica/cors-fastify'),
};

/** Adapters that already have a layer: a second CorsModule would answer every request twice. */
const layered = new WeakSet<AbstractHttpAdapter>();

/** Runs once the HTTP adapter exists, before body parsers and `main.ts` middleware; never throws. */
export function platformLayer(adapter: AbstractHttpAdapter): Install {
  const platform = adapter.getType();
  const problem = layered.has(adapter)
    ? 'CorsModule is imported more than once in this app; import CorsModule.forRoot() once, in the root module, and use @Cors() for the rest.'
    : `@corsica/cors-nest runs on @nestjs/platform-express and @nestjs/platform-fastify; this app's HTTP adapter is "${platform}".`;
  if (layered.has(adapter) || (platform !== 'express' && platform !== 'fastify')) {
    return () => Promise.reject(new Error(problem));
  }
  layered.add(adapter);
  if (platform === 'fastify') {
    // Fastify builds a route's hooks from the plugins loaded before it is declared: the plugin is
    // registered and awaited before Nest declares routes; errors and 404s reply with its headers.
    const app = adapter.getInstance<{ register(plugin: unknown, options: unknown): unknown }>();
    return async (policy) => {
      await app.register((await load('fastify', platformAdapters.fastify)).cors, policy);
    };
  }
  // Express runs middleware in order: the layer goes in first, now, so that preflights are answered
  // before body parsing, `app.use()` middleware and guards, and every response has the headers.
  let middleware: Middleware = (_req, _res, next) =>
    next(new Error('@corsica/cors-nest: a request arrived before app.init() compiled CORS.'));
  adapter.use(((req, res, next) => middleware(req, res, next)) satisfies Middleware);
  return async (policy) => {
    const { cors } = await load('express', platformAdapters.express);
    middleware = cors(policy as never) as Middleware; // compiled for this platform's request type
  };
}

/** The platform's Corsica adapter, or an error saying which package to install. */
function load<T>(platform: string, adapter: () => Promise<T>): Promise<T> {
  const name = `@corsica/cors-${platform}`;
  return adapter().catch((cause: unknown) => {
    const { code, message } = Object(cause) as { code?: unknown; message?: unknown };
    if (!/MODULE_NOT_FOUND$/.test(String(code)) || !String(message).includes(name)) throw cause;
    throw new Error(
      `@corsica/cors-nest answers CORS on @nestjs/platform-${platform} with ${name}, which is not installed: npm install ${name}`,
      { cause },
    );
  });
}
