import { APP } from '@corsica/cors-testkit';
import { describeExample } from '../../_support/boot.ts';

const session = { Cookie: 'session=ada' };

describeExample('the express example', {
  dir: new URL('..', import.meta.url),
  origin: APP,
  method: 'PUT',
  path: '/api/items/1',
  actual: { path: '/api/me', headers: session, json: { user: 'ada' } },
  exposes: 'X-Request-Id',
  deniedHeaders: session,
});
