import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { freePortOr } from './api.ts';

describe('freePortOr', () => {
  it('keeps a free port and replaces a taken one with 0 (any free port)', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const address = holder.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    try {
      expect(await freePortOr(address.port)).toBe(0);
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
    expect(await freePortOr(address.port)).toBe(address.port);
    expect(await freePortOr(0)).toBe(0);
  });
});
