import type { TestServer } from '@corsica/cors-testkit';
import { listen } from '@corsica/cors-testkit';
import Koa from 'koa';
import Koa2 from 'koa2';

/** The koa 3 and koa 2 application classes, which the tests run side by side. */
export type KoaClass = typeof Koa;

/** Every koa major the adapter supports, for `describe.each`. */
export const koaMajors: readonly (readonly [name: string, Koa: KoaClass])[] = [
  ['koa 3', Koa],
  ['koa 2', Koa2],
];

/** How the testkit's `exchange` starts a koa app: its callback, served by the kit's `listen`. */
export const serving = (app: Koa) => (): Promise<TestServer> => listen(app.callback());
