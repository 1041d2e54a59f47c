import { APP } from '@corsica/cors-testkit';
import { describeExample } from '../../_support/boot.ts';

describeExample('the koa example', {
  dir: new URL('..', import.meta.url),
  origin: APP,
  method: 'PUT',
  path: '/api/items/7',
  actual: { method: 'PUT', path: '/api/items/7', json: { id: '7' } },
  exposes: 'X-Request-Id',
});
