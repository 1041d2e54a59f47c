import { parseArgs } from 'node:util';
import { getHeapSpaceStatistics } from 'node:v8';
import { isPolicyId } from './policies.ts';
import { isAdapterId, loadAdapter } from './servers/index.ts';

/**
 * One adapter's server in a process of its own, for the soak:
 *
 *   node --expose-gc --conditions=@corsica/source --import tsx src/child.ts \
 *     --adapter express --policy list-credentials [--max-header-size 262144] [--no-cors]
 *
 * It prints `listening <port>` once it accepts connections. Over the IPC channel (when started
 * with one), `{ type: 'memory' }` runs `global.gc()` and answers with `process.memoryUsage()`.
 * It closes and exits when the parent disconnects.
 */

export interface MemorySample {
  readonly rss: number;
  readonly heapUsed: number;
  readonly heapTotal: number;
  readonly external: number;
  readonly arrayBuffers: number;
  /**
   * What V8 reserved for its young generation (new space): V8 enlarges it under a high allocation
   * rate, up to its maximum, and keeps it; it shows in heapTotal and RSS without anything retained.
   */
  readonly newSpace: number;
}

export interface MemoryRequest {
  readonly type: 'memory';
}

export interface MemoryAnswer {
  readonly type: 'memory';
  readonly sample: MemorySample;
  readonly gc: boolean;
}

const { values } = parseArgs({
  options: {
    adapter: { type: 'string' },
    policy: { type: 'string', default: 'list-credentials' },
    'max-header-size': { type: 'string' },
    // The same application without Corsica: the soak's control run.
    'no-cors': { type: 'boolean', default: false },
  },
});
const adapter = values.adapter ?? '';
const policy = values.policy;
if (!isAdapterId(adapter)) throw new Error(`--adapter: unknown adapter "${adapter}"`);
if (!isPolicyId(policy)) throw new Error(`--policy: unknown policy "${policy}"`);
const maxHeaderSize =
  values['max-header-size'] === undefined ? undefined : Number(values['max-header-size']);

const server = await (await loadAdapter(adapter)).start({
  policy,
  maxHeaderSize,
  cors: !values['no-cors'],
});
process.stdout.write(`listening ${server.port}\n`);

const gc = (globalThis as { gc?: () => void }).gc;

async function measure(): Promise<MemoryAnswer> {
  if (gc !== undefined) {
    // Several passes, with turns of the event loop between them, let weak callbacks and
    // finalizers run and the next pass collect what they released.
    for (let pass = 0; pass < 4; pass++) {
      gc();
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  const { rss, heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
  const newSpace =
    getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;
  return {
    type: 'memory',
    sample: { rss, heapUsed, heapTotal, external, arrayBuffers, newSpace },
    gc: gc !== undefined,
  };
}

process.on('message', (message: MemoryRequest) => {
  if (message.type === 'memory') void measure().then((answer) => process.send?.(answer));
});
process.on('disconnect', () => {
  void server.close().then(() => process.exit(0));
});
