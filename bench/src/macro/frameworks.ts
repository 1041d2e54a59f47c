/** The servers under test: which frameworks, which CORS packages they are compared with. */
import type { StartServer } from './servers/variant.ts';

export type FrameworkId = 'express' | 'koa' | 'fastify' | 'hono' | 'node-http';

export interface Framework {
  readonly id: FrameworkId;
  readonly label: string;
  /** The framework's usual CORS package, or undefined when there is none to compare with. */
  readonly peer: string | undefined;
  /** Imported in the server process only, so each child loads one framework. */
  readonly load: () => Promise<StartServer>;
}

export const FRAMEWORKS: readonly Framework[] = [
  {
    id: 'express',
    label: 'Express 5',
    peer: 'cors',
    load: async () => (await import('./servers/express.ts')).startExpress,
  },
  {
    id: 'koa',
    label: 'Koa 3',
    peer: '@koa/cors',
    load: async () => (await import('./servers/koa.ts')).startKoa,
  },
  {
    id: 'fastify',
    label: 'Fastify 5',
    peer: '@fastify/cors',
    load: async () => (await import('./servers/fastify.ts')).startFastify,
  },
  {
    id: 'hono',
    label: 'Hono on @hono/node-server',
    peer: 'hono/cors',
    load: async () => (await import('./servers/hono.ts')).startHono,
  },
  {
    id: 'node-http',
    label: 'node:http',
    peer: undefined,
    load: async () => (await import('./servers/node-http.ts')).startNodeHttp,
  },
];

export function frameworkById(id: string): Framework {
  const framework = FRAMEWORKS.find((candidate) => candidate.id === id);
  if (framework === undefined) throw new Error(`unknown framework: ${id}`);
  return framework;
}
