// @ts-check
import { strykerConfig } from '../../mutation/stryker.base.mjs';

export default strykerConfig('hono');
