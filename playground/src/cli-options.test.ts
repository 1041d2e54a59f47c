import { describe, expect, it } from 'vitest';
import { DEFAULT_PORT, requestedPort } from './cli-options.ts';

describe('requestedPort', () => {
  it.each<[string, string[], Record<string, string>, number]>([
    ['the default', [], {}, DEFAULT_PORT],
    ['--port N', ['--port', '5000'], {}, 5000],
    ['--port=N', ['--port=5000'], {}, 5000],
    ['--port 0: free ports', ['--port', '0'], {}, 0],
    ['PORT', [], { PORT: '6000' }, 6000],
    ['--port over PORT', ['--port', '5000'], { PORT: '6000' }, 5000],
    ['an empty PORT', [], { PORT: '' }, DEFAULT_PORT],
    ['pnpm start -- --port 0', ['--', '--port', '0'], {}, 0],
  ])('%s', (_name, argv, env, port) => {
    expect(requestedPort(argv, env)).toBe(port);
  });

  it.each(['-1', '65529', '4.5', 'http'])('refuses --port %s', (value) => {
    expect(() => requestedPort([`--port=${value}`], {})).toThrow(
      `--port ${value}: give a port from 0 to 65528 (0: any free ports)`,
    );
  });
});
