import { APP } from '@corsica/cors-testkit';
import { describeExample } from '../../_support/boot.ts';

describeExample('the node:http example', {
  dir: new URL('..', import.meta.url),
  origin: APP,
  method: 'PUT',
  path: '/api/items/1',
  actual: { path: '/api/me', headers: { Cookie: 'session=abc' }, json: { signedIn: true } },
  exposes: 'X-Request-Id',
});
