import { describeExample, ITEMS_API } from '../../_support/boot.ts';

describeExample('the koa example', { ...ITEMS_API, dir: new URL('..', import.meta.url) });
