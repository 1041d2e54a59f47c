import type { AdapterHarness } from '@corsica/cors-testkit';
import { describeConformance } from '@corsica/cors-testkit/vitest';
import { platforms } from './support/platforms.ts';
import { kitModule } from './support/test-application.ts';

/** The whole testkit, against a real Nest application on each platform. */
for (const platform of platforms) {
  const harness: AdapterHarness = {
    name: `nest on ${platform.name}`,
    hostOf: (request) => (request as { headers: { host?: string } }).headers.host,
    start: (policy, { maxHeaderSize }) =>
      platform.start(kitModule(policy), { maxHeaderSize, anyBody: true }),
  };
  describeConformance(harness);
}
