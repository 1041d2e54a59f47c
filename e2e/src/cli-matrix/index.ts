import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '@corsica/cors-cli';
import type { CorsConfigProblem } from '@corsica/cors-core';
import { cors as corsicaExpress } from '@corsica/cors-express';
import { withCors } from '@corsica/cors-node-http';
import express from 'express';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';
import type { FetchOutcome } from '../browser.ts';
import { CallerPage, CHROMIUM_ARGS, CHROMIUM_PATH } from '../browser.ts';
import type { PageOrigins } from '../page-origins.ts';
import type { Policy } from '../policies.ts';
import type { Report, ReportEntry } from '../report.ts';
import { adapterServers } from '../servers/index.ts';
import { RequestLog } from '../servers/request-log.ts';
import type { AdapterServer, RunningServer } from '../servers/test-app.ts';
import { HANDLER_BODY, serveOnLoopback } from '../servers/test-app.ts';
import type {
  BrowserExpectation,
  Configuration,
  MatrixRequest,
  RefusedExpectation,
} from './configurations.ts';
import { checkArguments, configurations, pageFetch } from './configurations.ts';
import { startCorsOnExpress, startFastifyCors } from './peer-servers.ts';
import type { TestCertificate } from './tls.ts';
import { makeCertificate } from './tls.ts';

/**
 * Issue 11's matrix: each configuration of configurations.ts on `cors` (express), `@fastify/cors`
 * and every Corsica adapter, plus a redirect, an HTTPS server, and debug mode on every Corsica
 * adapter. Chromium runs each fetch() in a page (its `corsError` read from DevTools, as the
 * scenarios read it) and `corsica check` sends the same request: the two codes, and their failed
 * parameters, must be equal, and equal to what the cell expects. For Corsica, `corsica explain`
 * must also predict the code offline from the same configuration; a configuration Corsica
 * refuses when it is built is checked by its `CorsConfigError` code instead, in the adapter and
 * in `corsica explain`.
 */

/** Pages working through the cells at once, each reused by many cells (every URL is unique). */
const PAGES = 4;
/** A cell that takes longer is stuck (a hung server or page), not slow. */
const CELL_TIMEOUT_MS = 30_000;
/** How long Chromium's console line may trail the rejection the page saw. */
const CONSOLE_WAIT_MS = 2_000;

/** One row of the matrix: where the configurations run. */
interface Implementation {
  readonly name: string;
  /** A Corsica adapter (the `corsica` expectations) or another package (`peers`). */
  readonly corsica: boolean;
  start(configuration: Configuration, origins: PageOrigins): Promise<RunningServer>;
}

/** The adapter's own e2e server; the log only watches, so a refused policy gets a neutral one. */
function corsicaImplementation(adapter: AdapterServer): Implementation {
  return {
    name: adapter.name,
    corsica: true,
    start: (configuration, origins) => {
      const policy = quiet(configuration.corsica(origins));
      return adapter.start(policy, logFor(policy));
    },
  };
}

/**
 * Without the development log: every cell is a denial on purpose, and the lines would bury the
 * summary. It writes nothing to the response, so the matrix checks the same answers.
 */
function quiet(policy: Policy): Policy {
  return { ...policy, log: false } as Policy;
}

function logFor(policy: Policy): RequestLog {
  try {
    return new RequestLog(policy);
  } catch {
    return new RequestLog({ origins: '*' });
  }
}

const peers: readonly Implementation[] = [
  {
    name: 'cors on express',
    corsica: false,
    start: (configuration, origins) => startCorsOnExpress(configuration.cors(origins)),
  },
  {
    name: '@fastify/cors',
    corsica: false,
    start: (configuration, origins) => startFastifyCors(configuration.fastifyCors(origins)),
  },
];

/** One cell: a request (or a refused configuration) checked by Chromium and the CLI. */
interface Cell {
  readonly row: string;
  readonly id: string;
  readonly title: string;
  readonly context: string;
  run(page: CallerPage): Promise<string[]>;
}

/** What runs the cells: the page origins, the CLI's CA file, and a place for config files. */
interface MatrixEnvironment {
  readonly origins: PageOrigins;
  readonly certificate: TestCertificate;
  readonly configDir: string;
}

/**
 * Runs the matrix in a Chromium of its own, which trusts this run's certificate. Skipped when
 * `E2E_SCENARIOS` names only scenarios (`E2E_SCENARIOS=cli-matrix` runs the matrix alone).
 */
export async function runCliMatrix(origins: PageOrigins): Promise<Report[]> {
  const scenarios = process.env['E2E_SCENARIOS']?.split(',').filter((word) => word !== '');
  if (scenarios !== undefined && scenarios.length > 0) {
    if (!scenarios.some((word) => 'cli-matrix'.includes(word))) return [];
  }
  const started = performance.now();
  const certificate = makeCertificate();
  const configDir = mkdtempSync(join(tmpdir(), 'corsica-e2e-explain-'));
  const environment: MatrixEnvironment = { origins, certificate, configDir };
  const servers: RunningServer[] = [];
  let browser: Browser | undefined;
  try {
    const cells = await prepareCells(environment, servers);
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS, `--ignore-certificate-errors-spki-list=${certificate.spkiHash}`],
    });
    const entries = await runCells(browser, origins, cells);
    const rows = new Map<string, ReportEntry[]>();
    cells.forEach((cell, index) => {
      const list = rows.get(cell.row) ?? [];
      list.push(entries[index] as ReportEntry);
      rows.set(cell.row, list);
    });
    console.log(
      `cli matrix: ${cells.length} cells on ${rows.size} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    return [...rows].map(([row, list]) => ({ name: `cli vs chromium: ${row}`, entries: list }));
  } finally {
    await browser?.close();
    await Promise.all(servers.map((server) => server.close()));
    certificate.remove();
    rmSync(configDir, { recursive: true, force: true });
  }
}

/** Words to pick rows with: `E2E_ADAPTERS=koa` (as for the scenarios), `E2E_ADAPTERS=https`. */
function wanted(name: string): boolean {
  const words = process.env['E2E_ADAPTERS']?.split(',').filter((word) => word !== '');
  return words === undefined || words.length === 0 || words.some((word) => name.includes(word));
}

/** Starts every server the cells need (added to `servers`, so the caller closes them). */
async function prepareCells(env: MatrixEnvironment, servers: RunningServer[]): Promise<Cell[]> {
  const { origins } = env;
  const track = async (start: Promise<RunningServer>): Promise<RunningServer> => {
    const server = await start;
    servers.push(server);
    return server;
  };
  const cells: Cell[] = [];
  const corsicaRows = adapterServers.map(corsicaImplementation);
  for (const implementation of [...peers, ...corsicaRows]) {
    if (!wanted(implementation.name)) continue;
    for (const configuration of configurations) {
      const expected = implementation.corsica
        ? configuration.expected.corsica
        : configuration.expected.peers;
      const base = {
        row: implementation.name,
        id: configuration.id,
        title: configuration.title,
        context: describeRequest(configuration.request),
      };
      if ('refused' in expected) {
        // Some starts throw synchronously (express builds its middleware before listening).
        const refusal = await Promise.resolve()
          .then(() => implementation.start(configuration, origins))
          .then(
            (server) => {
              servers.push(server);
              return null;
            },
            (error: unknown) => error,
          );
        cells.push({
          ...base,
          title: `${configuration.title}: refused when built (the CorsConfigError code is checked, not a browser code)`,
          run: () =>
            checkRefusal(
              env,
              configuration.corsica(origins),
              configuration.request,
              expected,
              refusal,
            ),
        });
        continue;
      }
      const server = await track(implementation.start(configuration, origins));
      const url = `${server.url}/api/matrix/${configuration.id}`;
      const policy = implementation.corsica ? configuration.corsica(origins) : undefined;
      cells.push({
        ...base,
        run: (page) => compare(env, page, url, configuration.request, expected, policy),
      });
    }
  }
  cells.push(...(await debugCells(env, track)));
  if (wanted('redirect')) cells.push(await redirectCell(env, track));
  if (wanted('https')) cells.push(await httpsCell(env, track));
  return cells;
}

/** Runs the cells through a few long-lived pages; never throws: a crash is a failed entry. */
async function runCells(
  browser: Browser,
  origins: PageOrigins,
  cells: readonly Cell[],
): Promise<ReportEntry[]> {
  const entries: ReportEntry[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    const page = await CallerPage.open(browser, {
      pageUrl: `${origins.app}/`,
      sandboxed: false,
      cookies: [],
    });
    try {
      while (next < cells.length) {
        const index = next++;
        const cell = cells[index] as Cell;
        entries[index] = {
          id: cell.id,
          title: cell.title,
          context: cell.context,
          problems: await withTimeout(cell.run(page)),
        };
      }
    } finally {
      await page.close();
    }
  };
  await Promise.all(Array.from({ length: Math.min(PAGES, cells.length) }, worker));
  return entries;
}

async function withTimeout(run: Promise<string[]>): Promise<string[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string[]>((resolve) => {
    timer = setTimeout(
      () => resolve([`did not finish within ${CELL_TIMEOUT_MS / 1000} s`]),
      CELL_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([run, timeout]);
  } catch (error) {
    return [`crashed: ${error instanceof Error ? error.stack : String(error)}`];
  } finally {
    clearTimeout(timer);
  }
}

function describeRequest(request: MatrixRequest): string {
  const headers = Object.keys(request.headers);
  return [
    `${request.method} from the app origin`,
    ...(request.json ? ['a JSON body'] : []),
    ...(headers.length > 0 ? [`header ${headers.join(', ')}`] : []),
    `credentials: ${request.credentials ? 'include' : 'omit'}`,
  ].join(', ');
}

/** The result of running the `corsica` command line in-process. */
interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function runCli(argv: readonly string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (chunk: string) => (stdout += chunk), isTTY: false },
    stderr: { write: (chunk: string) => (stderr += chunk), isTTY: false },
    env: {},
  });
  return { code, stdout, stderr };
}

/** The fields of `--json` this matrix reads, from `check` and from `explain`. */
interface CliVerdict {
  readonly verdict: string;
  readonly failedCheck: string | null;
  readonly failedParameter: string | null;
  readonly configError?: { readonly problems: readonly { readonly code: string }[] } | null;
}

function parseVerdict(run: CliRun, what: string): CliVerdict | string {
  try {
    return JSON.parse(run.stdout) as CliVerdict;
  } catch {
    return `${what} exited ${run.code} without JSON: ${run.stderr.trim()}`;
  }
}

/** `corsica explain` for a Corsica policy: writes it where the CLI reads it. */
async function explainPolicy(
  env: MatrixEnvironment,
  policy: Policy,
  request: MatrixRequest,
  path: string,
): Promise<CliVerdict | string> {
  const file = join(env.configDir, `policy-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(policy));
  const run = await runCli([
    'explain',
    '--config',
    file,
    '--origin',
    env.origins.app,
    '--method',
    request.method,
    '--path',
    path,
    ...Object.entries(request.headers).flatMap(([name, value]) => ['-H', `${name}: ${value}`]),
    ...(request.json ? ['-H', 'Content-Type: application/json'] : []),
    ...(request.credentials ? ['--credentials'] : []),
    '--json',
  ]);
  return parseVerdict(run, 'corsica explain');
}

/** Chromium's code and failed parameter for an outcome; `null` code when the page read it. */
function chromiumCode(outcome: FetchOutcome): { code: string | null; parameter: string } | string {
  if (outcome.read) return { code: null, parameter: '' };
  if (outcome.failure?.corsError === undefined) {
    return `the fetch was refused (${outcome.name}: ${outcome.message}) without a corsError (${outcome.failure?.errorText ?? 'no loadingFailed event'})`;
  }
  return { code: outcome.failure.corsError, parameter: outcome.failure.failedParameter ?? '' };
}

const show = (code: string | null, parameter: string | null): string =>
  code === null
    ? 'nothing (the page reads the response)'
    : `${code} (${JSON.stringify(parameter)})`;

/**
 * One cell: the page's fetch() and `corsica check` against the same server, and for a Corsica
 * policy `corsica explain` offline; every code equal to the others and to the expectation.
 */
async function compare(
  env: MatrixEnvironment,
  page: CallerPage,
  url: string,
  request: MatrixRequest,
  expected: BrowserExpectation,
  policy: Policy | undefined,
  extraCheckArgs: readonly string[] = [],
): Promise<string[]> {
  const [outcome, checkRun, explained] = await Promise.all([
    page.fetch(pageFetch(url, request)),
    runCli([...checkArguments(url, env.origins.app, request), ...extraCheckArgs]),
    policy === undefined
      ? Promise.resolve(undefined)
      : explainPolicy(env, policy, request, new URL(url).pathname),
  ]);
  const problems: string[] = [];
  const browser = chromiumCode(outcome);
  const cli = parseVerdict(checkRun, 'corsica check');
  if (typeof browser === 'string') problems.push(`Chromium: ${browser}`);
  if (typeof cli === 'string') problems.push(cli);
  if (typeof browser === 'string' || typeof cli === 'string') return problems;

  const chromiumSays = show(browser.code, browser.parameter);
  if (
    browser.code !== cli.failedCheck ||
    (browser.code !== null && browser.parameter !== cli.failedParameter)
  ) {
    problems.push(
      `Chromium reported ${chromiumSays}, corsica check ${show(cli.failedCheck, cli.failedParameter)} (verdict ${cli.verdict})`,
    );
  }
  if (browser.code !== expected.code || browser.parameter !== expected.parameter) {
    problems.push(
      `expected ${show(expected.code, expected.parameter)}, Chromium reported ${chromiumSays}`,
    );
  }
  const verdict = expected.code === null ? 'allow' : 'block';
  if (cli.verdict !== verdict)
    problems.push(`corsica check's verdict is ${cli.verdict}, not ${verdict}`);
  if (explained !== undefined) {
    if (typeof explained === 'string') problems.push(explained);
    else if (
      explained.failedCheck !== browser.code ||
      (browser.code !== null && explained.failedParameter !== browser.parameter)
    ) {
      problems.push(
        `corsica explain predicted ${show(explained.failedCheck, explained.failedParameter)} offline; Chromium reported ${chromiumSays}`,
      );
    }
  }
  return problems;
}

/** A configuration Corsica refuses: the adapter threw its code, and `corsica explain` names it. */
async function checkRefusal(
  env: MatrixEnvironment,
  policy: Policy,
  request: MatrixRequest,
  expected: RefusedExpectation,
  refusal: unknown,
): Promise<string[]> {
  const problems: string[] = [];
  const codes = configErrorCodes(refusal);
  if (codes === undefined) {
    problems.push(
      refusal === null
        ? 'the adapter accepted the configuration'
        : `the adapter failed with something other than a CorsConfigError: ${String(refusal)}`,
    );
  } else if (!codes.includes(expected.refused)) {
    problems.push(`the CorsConfigError has ${codes.join(', ')}, not ${expected.refused}`);
  }
  const explained = await explainPolicy(env, policy, request, '/api/matrix/refused');
  if (typeof explained === 'string') problems.push(explained);
  else {
    const explainedCodes = explained.configError?.problems.map((problem) => problem.code) ?? [];
    if (explained.verdict !== 'invalid-config' || !explainedCodes.includes(expected.refused)) {
      problems.push(
        `corsica explain says ${explained.verdict} (${explainedCodes.join(', ') || 'no config error'}), not invalid-config with ${expected.refused}`,
      );
    }
  }
  return problems;
}

/** The problem codes of a CorsConfigError, also when a framework wrapped it (`cause`). */
function configErrorCodes(error: unknown): string[] | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    const problems = (current as { problems?: readonly CorsConfigProblem[] }).problems;
    if (current.name === 'CorsConfigError' && Array.isArray(problems)) {
      return problems.map((problem) => problem.code);
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Debug mode on every Corsica adapter: a preflight refused for its method or a header is answered
 * with the success status and only the allowed part of what it asked, so Chromium's console names
 * the missing method or header rather than the missing Access-Control-Allow-Origin of a 403.
 */
async function debugCells(
  env: MatrixEnvironment,
  track: (start: Promise<RunningServer>) => Promise<RunningServer>,
): Promise<Cell[]> {
  const policy: Policy = {
    origins: [env.origins.app],
    methods: ['PUT'],
    allowedHeaders: ['Content-Type'],
    debug: true,
  };
  const cases = [
    {
      id: 'debug-missing-method',
      title: 'debug mode: Chromium names the method the preflight did not allow',
      request: { method: 'PATCH', headers: {}, json: false, credentials: false },
      expected: { code: 'MethodDisallowedByPreflightResponse', parameter: 'PATCH' },
      console: 'Method PATCH is not allowed by Access-Control-Allow-Methods in preflight response.',
    },
    {
      id: 'debug-missing-header',
      title: 'debug mode: Chromium names the header the preflight did not allow',
      request: { method: 'PUT', headers: { 'X-Secret': '1' }, json: true, credentials: false },
      expected: { code: 'HeaderDisallowedByPreflightResponse', parameter: 'x-secret' },
      console:
        'Request header field x-secret is not allowed by Access-Control-Allow-Headers in preflight response.',
    },
  ] as const;
  const cells: Cell[] = [];
  for (const adapter of adapterServers) {
    if (!wanted(adapter.name)) continue;
    const server = await track(adapter.start(quiet(policy), new RequestLog(policy)));
    for (const item of cases) {
      const url = `${server.url}/api/matrix/${item.id}`;
      cells.push({
        row: adapter.name,
        id: item.id,
        title: item.title,
        context: `${describeRequest(item.request)}; policy with debug: true`,
        run: async (page) => {
          const problems = await compare(env, page, url, item.request, item.expected, policy);
          const lines = await consoleLines(page, url);
          if (
            !lines.some((line) => line.endsWith(`has been blocked by CORS policy: ${item.console}`))
          ) {
            problems.push(
              `Chromium's console should say ${JSON.stringify(item.console)}; it said ${JSON.stringify(lines)}`,
            );
          }
          for (const generic of [
            'does not have HTTP ok status',
            "No 'Access-Control-Allow-Origin'",
          ]) {
            if (lines.some((line) => line.includes(generic))) {
              problems.push(`Chromium's console still says ${JSON.stringify(generic)}`);
            }
          }
          return problems;
        },
      });
    }
  }
  return cells;
}

/** The console lines about `url`, once Chromium has written its CORS error. */
async function consoleLines(page: CallerPage, url: string): Promise<string[]> {
  const deadline = Date.now() + CONSOLE_WAIT_MS;
  for (;;) {
    const lines = page.consoleAbout(url);
    if (lines.some((line) => line.includes('blocked by CORS policy')) || Date.now() > deadline) {
      return lines;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * A GET that an allowed origin's server redirects (307) to another origin: the browser follows it
 * with `Origin: null` (the origin is tainted), which the second Corsica server does not allow.
 */
async function redirectCell(
  env: MatrixEnvironment,
  track: (start: Promise<RunningServer>) => Promise<RunningServer>,
): Promise<Cell> {
  const { app: appOrigin } = env.origins;
  const target = await track(
    serveOnLoopback(
      createHttpServer(
        express()
          .use(corsicaExpress({ origins: [appOrigin], log: false }))
          .all('/api/*rest', (_request, response) => {
            response.send(HANDLER_BODY);
          }),
      ),
    ),
  );
  const first = await track(
    serveOnLoopback(
      createHttpServer(
        express()
          .use(corsicaExpress({ origins: [appOrigin], log: false }))
          .get('/api/matrix/redirect', (_request, response) => {
            response.redirect(307, `${target.url}/api/matrix/redirect-target`);
          }),
      ),
    ),
  );
  const request = { method: 'GET', headers: {}, json: false, credentials: false };
  return {
    row: 'redirect and https',
    id: 'cross-origin-redirect',
    title:
      'a 307 to another origin: the second request carries Origin: null, which the second server does not allow',
    context: `${describeRequest(request)}; Corsica on express at both ends`,
    run: (page) =>
      compare(
        env,
        page,
        `${first.url}/api/matrix/redirect`,
        request,
        {
          code: 'MissingAllowOriginHeader',
          parameter: '',
        },
        undefined,
      ),
  };
}

/**
 * Corsica's node:http adapter on HTTPS, with this run's certificate: Chromium trusts it through
 * its SPKI hash, `corsica check` through `--cacert`. A credentialed PUT whose preflight grants no
 * credentials.
 */
async function httpsCell(
  env: MatrixEnvironment,
  track: (start: Promise<RunningServer>) => Promise<RunningServer>,
): Promise<Cell> {
  const policy: Policy = { origins: [env.origins.app], methods: ['PUT'] };
  const server = createHttpsServer(
    { key: env.certificate.key, cert: env.certificate.cert },
    withCors(quiet(policy), (_request, response) => response.end(HANDLER_BODY)),
  );
  const running = await track(
    serveOnLoopback(server as unknown as Parameters<typeof serveOnLoopback>[0]),
  );
  const url = `${running.url.replace('http:', 'https:')}/api/matrix/https`;
  const request = { method: 'PUT', headers: {}, json: false, credentials: true };
  return {
    row: 'redirect and https',
    id: 'https',
    title: 'HTTPS: a credentialed PUT whose preflight grants no credentials',
    context: `${describeRequest(request)}; Corsica's node:http adapter on node:https, a certificate made with openssl`,
    run: (page) =>
      compare(
        env,
        page,
        url,
        request,
        { code: 'PreflightInvalidAllowCredentials', parameter: '' },
        policy,
        ['--cacert', env.certificate.certFile],
      ),
  };
}
