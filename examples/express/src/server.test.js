import { describeExample, SESSION_API } from '../../_support/boot.ts';

describeExample('the express example', {
  ...SESSION_API,
  dir: new URL('..', import.meta.url),
  exposes: 'X-Request-Id',
});
