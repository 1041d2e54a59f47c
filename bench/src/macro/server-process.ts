/**
 * One server under test, in its own process (argv: framework id, variant) so that its CPU time is
 * its own: it reports `process.cpuUsage()` and the requests it has received whenever asked.
 */
import type { AddressInfo } from 'node:net';
import { frameworkById } from './frameworks.ts';
import type { ReadyMessage, SampleReply, SampleRequest } from './protocol.ts';
import type { CorsVariant } from './servers/variant.ts';

const VARIANTS: readonly string[] = [
  'none',
  'peer',
  'corsica',
  'passthrough',
] satisfies CorsVariant[];

const [frameworkId = '', variant = ''] = process.argv.slice(2);
if (!VARIANTS.includes(variant)) throw new Error(`unknown variant: ${variant}`);

const start = await frameworkById(frameworkId).load();
const server = await start(variant as CorsVariant);

let served = 0;
// A second 'request' listener, in every variant alike: counting here rather than trusting the
// client's count also covers requests still in flight when the client stopped.
server.on('request', () => {
  served += 1;
});

process.on('message', (message: SampleRequest) => {
  if (message.type !== 'sample') return;
  const { user, system } = process.cpuUsage();
  process.send?.({ type: 'sample', cpuMicros: user + system, served } satisfies SampleReply);
});
// The benchmark owns this process: when it goes, so does this one.
process.on('disconnect', () => process.exit(0));
process.send?.({
  type: 'ready',
  port: (server.address() as AddressInfo).port,
} satisfies ReadyMessage);
