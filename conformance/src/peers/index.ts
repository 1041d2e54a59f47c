import type { AnyPeer } from '../peer.ts';
import { corsPeer } from './cors.ts';
import { corsicaPeer } from './corsica.ts';
import { fastifyPeer } from './fastify.ts';
import { honoPeer } from './hono.ts';
import { koaPeer } from './koa.ts';

/** Every library in the report, in its order: Corsica first, as the reference row. */
export const peers: readonly AnyPeer[] = [corsicaPeer, corsPeer, koaPeer, fastifyPeer, honoPeer];
