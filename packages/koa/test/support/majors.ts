import Koa from 'koa';
import Koa2 from 'koa2';
import type { KoaClass } from './serve.ts';

/** Every koa major the adapter supports, for `describe.each`. */
export const koaMajors: readonly (readonly [name: string, Koa: KoaClass])[] = [
  ['koa 3', Koa],
  ['koa 2', Koa2],
];
