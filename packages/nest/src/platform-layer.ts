import type { AsyncCors, Cors } from '@corsica/cors-core';
import { cors as expressCors } from '@corsica/cors-express';
import { cors as fastifyCors } from '@corsica/cors-fastify';
import type { AbstractHttpAdapter } from '@nestjs/core';
import type { RequestHandler } from 'express';
import type { FastifyInstance } from 'fastify';

/** The CORS layer of one app, on its platform, waiting for its policy. */
export interface PlatformLayer {
  /** Puts the policy in force; called once, before Nest registers its routes. */
  install(policy: Cors | AsyncCors): Promise<void>;
}

/** Adapters that already have a layer: a second CorsModule would answer every request twice. */
const layered = new WeakSet<AbstractHttpAdapter>();

/**
 * Called as soon as the app's HTTP adapter exists, which is before Nest registers its body
 * parsers and before `main.ts` adds middleware. Never throws (it runs in an rxjs subscriber); a
 * layer that cannot be built fails `install()` instead, so the error surfaces from `app.init()`.
 */
export function platformLayer(adapter: AbstractHttpAdapter): PlatformLayer {
  if (layered.has(adapter)) {
    return failing(
      'CorsModule is imported more than once in this app; import CorsModule.forRoot() once, in the root module, and use @Cors() for the rest.',
    );
  }
  layered.add(adapter);
  const platform = adapter.getType();
  if (platform === 'express') return expressLayer(adapter);
  if (platform === 'fastify') return fastifyLayer(adapter.getInstance<FastifyInstance>());
  return failing(
    `@corsica/cors-nest runs on @nestjs/platform-express and @nestjs/platform-fastify; this app's HTTP adapter is "${platform}".`,
  );
}

/**
 * Express runs middleware in the order it was added, so the layer goes in now, first, as a
 * middleware that hands each request to `@corsica/cors-express` once the policy is compiled:
 * preflights are answered before body parsing, `app.use()` middleware, guards and handlers, and
 * every response Nest sends afterwards, errors included, already carries the CORS headers.
 */
function expressLayer(adapter: AbstractHttpAdapter): PlatformLayer {
  let middleware: RequestHandler = (_req, _res, next) => {
    next(
      new Error(
        '@corsica/cors-nest: a request arrived before app.init() compiled the CORS policy.',
      ),
    );
  };
  const forward: RequestHandler = (req, res, next) => middleware(req, res, next);
  adapter.use(forward);
  return {
    install: async (policy) => {
      middleware = expressCors(policy);
    },
  };
}

/**
 * Fastify builds each route's hooks from the plugins loaded before the route is declared, so the
 * `@corsica/cors-fastify` plugin is registered, and awaited, when the policy is ready: still
 * before Nest declares a route. It answers preflights in `onRequest`, before content-type parsing,
 * guards and handlers; fastify's 404 and Nest's exception layer reply on the same reply, with its
 * headers.
 */
function fastifyLayer(instance: FastifyInstance): PlatformLayer {
  return {
    install: async (policy) => {
      await instance.register(fastifyCors, policy);
    },
  };
}

function failing(message: string): PlatformLayer {
  return {
    install: () => Promise.reject(new Error(message)),
  };
}
