import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  APP,
  corsHeadersOf,
  EVIL,
  fromOrigin,
  PREFLIGHT_VARY,
  preflight,
  send,
} from '@corsica/cors-testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** A running example: where it listens, and how to stop it. */
export interface BootedExample {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Starts an example the way its README says (`node src/server.js`, on an ephemeral port, with
 * `env` added) and waits for the line `listening on http://127.0.0.1:<port>` every example prints.
 */
export function bootExample(
  cwd: string,
  command: readonly string[] = ['node', 'src/server.js'],
  env: Readonly<Record<string, string>> = {},
): Promise<BootedExample> {
  const [program, ...args] = command as [string, ...string[]];
  const child: ChildProcess = spawn(program, args, {
    cwd,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`the example did not start in 30 s:\n${output}`));
    }, 30_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match !== null) {
        clearTimeout(timer);
        resolve({ url: match[1] as string, stop });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the example exited with ${code}:\n${output}`));
    });
  });
}

/**
 * One example as its test describes it. Every example's policy lists `origin` with credentials,
 * allows `Content-Type` as a request header and caches preflights for 600 s; what differs is here.
 */
export interface ExampleSpec {
  /** The example's folder: `new URL('..', import.meta.url)` from its test. */
  readonly dir: URL;
  /** How its README starts it; `node src/server.js` unless given. */
  readonly command?: readonly string[];
  /** Environment for that command (the Nest example's `PLATFORM`). */
  readonly env?: Readonly<Record<string, string>>;
  /** The origin the example lists. */
  readonly origin: string;
  /** A method the example allows beyond the safelisted ones, and a path that takes it. */
  readonly method: string;
  readonly path: string;
  /** An actual request `origin` makes (GET unless given), and the JSON body it reads. */
  readonly actual: {
    readonly method?: string;
    readonly path: string;
    readonly headers?: Record<string, string>;
    readonly json: unknown;
  };
  /** The header the policy exposes to `origin` on actual responses, if any. */
  readonly exposes?: string;
  /** Headers of the `GET /api/me` another origin sends (a session cookie, say). */
  readonly deniedHeaders?: Record<string, string>;
}

const SESSION = { Cookie: 'session=ada' };

/**
 * The API the express, hapi and Nest examples serve, for `APP`: `PUT /api/items/:id` (which needs
 * a preflight) and `GET /api/me`, which answers whose `session` cookie it received.
 */
export const SESSION_API = {
  origin: APP,
  method: 'PUT',
  path: '/api/items/1',
  actual: { path: '/api/me', headers: SESSION, json: { user: 'ada' } },
  deniedHeaders: SESSION,
} satisfies Omit<ExampleSpec, 'dir'>;

/**
 * The API the fastify and koa examples serve, for `APP`: `PUT /api/items/:id` answers the id it
 * stored, with an `X-Request-Id` the page may read.
 */
export const ITEMS_API = {
  origin: APP,
  method: 'PUT',
  path: '/api/items/7',
  actual: { method: 'PUT', path: '/api/items/7', json: { id: '7' } },
  exposes: 'X-Request-Id',
} satisfies Omit<ExampleSpec, 'dir'>;

/**
 * Boots the example once and checks what every example shows: the preflight for `method` at
 * `path` answered with 204 and the full grant, the actual request granted to `origin` with
 * credentials, and `GET /api/me` from another origin given nothing but `Vary: Origin`. `more`
 * adds the example's own tests, with the booted example's URL.
 */
export function describeExample(
  title: string,
  spec: ExampleSpec,
  more?: (url: () => string) => void,
): void {
  describe(title, () => {
    let example: BootedExample | undefined;
    beforeAll(async () => {
      example = await bootExample(fileURLToPath(spec.dir), spec.command, spec.env);
    });
    afterAll(() => example?.stop());
    const url = (): string => {
      if (example === undefined) throw new Error(`${title}: the example did not start`);
      return example.url;
    };

    it(`answers a preflight for ${spec.method} ${spec.path}`, async () => {
      const response = await send(
        url(),
        preflight(spec.origin, spec.method, spec.path, {
          'Access-Control-Request-Headers': 'content-type',
        }),
      );
      expect(response.status).toBe(204);
      expect(response.body).toBe('');
      expect(corsHeadersOf(response)).toEqual({
        'access-control-allow-origin': [spec.origin],
        'access-control-allow-credentials': ['true'],
        'access-control-allow-methods': [spec.method],
        'access-control-allow-headers': ['content-type'],
        'access-control-max-age': ['600'],
        vary: PREFLIGHT_VARY,
      });
    });

    const { method = 'GET', path, headers, json } = spec.actual;
    it(`grants ${method} ${path} to the listed origin, with credentials`, async () => {
      const response = await send(url(), fromOrigin(spec.origin, method, path, headers));
      expect(response.status).toBe(200);
      expect(JSON.parse(response.body)).toStrictEqual(json);
      expect(corsHeadersOf(response)).toEqual({
        'access-control-allow-origin': [spec.origin],
        'access-control-allow-credentials': ['true'],
        ...(spec.exposes === undefined ? {} : { 'access-control-expose-headers': [spec.exposes] }),
        vary: ['Origin'],
      });
    });

    it('gives another origin no access to GET /api/me, with Vary: Origin for caches', async () => {
      const response = await send(url(), fromOrigin(EVIL, 'GET', '/api/me', spec.deniedHeaders));
      expect(response.status).toBe(200);
      expect(corsHeadersOf(response)).toEqual({ vary: ['Origin'] });
    });

    more?.(url);
  });
}
