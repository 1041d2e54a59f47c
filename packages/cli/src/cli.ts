/**
 * The `corsica` command line: argument parsing, colour, output and exit codes around `check()`.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { CheckOptions } from './check.ts';
import { CheckUsageError, check } from './check.ts';
import type { ExplainResult } from './explain.ts';
import { formatExplainResult, formatResult, painter } from './format.ts';
import type { CheckResult } from './result.ts';

/** An output stream: what `process.stdout` and `process.stderr` offer that the CLI uses. */
export interface CliStream {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
}

export interface CliIO {
  readonly stdout: CliStream;
  readonly stderr: CliStream;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Exit codes: the browser would allow it (or nothing failed), would block it, or no answer. */
export const EXIT_ALLOW = 0;
export const EXIT_BLOCK = 1;
export const EXIT_ERROR = 2;

export const HELP = `Usage: corsica check <url> --origin <origin> [options]
       corsica explain --config <file> --origin <origin> [--method M] [--header H]… [--path P]

check runs fetch(<url>) from a page at <origin> as the Fetch standard does; explain asks a
Corsica policy file the same, offline. Both say which browser check fails, and what to change.

  -o, --origin <origin>   the page's origin: https://app.example.com, or null (required)
  -X, --method <method>   GET by default, POST with --data; normalized as fetch() does
  -H, --header "N: v"     a header the page sets (repeatable; explain also takes a bare name)
      --credentials       credentials: 'include' (send --cookie; needs ACAC: true)
  -d, --data <text>       a text body
  -b, --cookie <cookies>  the Cookie header the browser's cookie jar would add
      --send              also send the actual request for methods other than GET and HEAD
      --timeout <ms>      per request (default 10000)
      --cacert <file>     trust this CA certificate (PEM) for https; -k, --insecure: trust any
  -c, --config <file>     explain: .json, .js, .mjs or .cjs; default export: options or a policy
      --path <path>       explain: the request path (required when the policy has routes)
      --json              print the result as JSON (check: schema/check-result.schema.json)
      --no-color          no colours (colours only on a TTY; NO_COLOR, FORCE_COLOR honoured)
  -h, --help              this help

Exit: 0 allowed, 1 blocked (or the policy is refused), 2 usage, network or timeout error.
Not emulated by check: cookie jar and SameSite, preflight cache, Local Network Access, mixed
content, CSP.
`;

const OPTIONS = {
  origin: { type: 'string', short: 'o' },
  method: { type: 'string', short: 'X' },
  header: { type: 'string', short: 'H', multiple: true },
  credentials: { type: 'boolean' },
  data: { type: 'string', short: 'd' },
  cookie: { type: 'string', short: 'b' },
  send: { type: 'boolean' },
  timeout: { type: 'string' },
  cacert: { type: 'string' },
  insecure: { type: 'boolean', short: 'k' },
  config: { type: 'string', short: 'c' },
  path: { type: 'string' },
  json: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

/**
 * Whether to colour a stream: never with --json or --no-color; FORCE_COLOR (anything but `0` or
 * `false`) forces it, as in Node itself; NO_COLOR (non-empty, https://no-color.org) or
 * TERM=dumb turns it off; otherwise only on a TTY.
 */
export function useColor(stream: CliStream, env: CliIO['env'], disabled: boolean): boolean {
  if (disabled) return false;
  const force = env['FORCE_COLOR'];
  if (force !== undefined) return force !== '0' && force !== 'false';
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  if (env['TERM'] === 'dumb') return false;
  return stream.isTTY === true;
}

class UsageError extends Error {}

function toCheckOptions(values: Record<string, unknown>, positionals: string[]): CheckOptions {
  const [url, ...extra] = positionals;
  if (url === undefined)
    throw new UsageError('missing <url>: corsica check <url> --origin <origin>');
  if (extra.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}`);
  const origin = values['origin'];
  if (typeof origin !== 'string') {
    throw new UsageError('--origin is required: the origin of the page that calls fetch()');
  }
  let timeoutMs: number | undefined;
  if (typeof values['timeout'] === 'string') {
    timeoutMs = Number(values['timeout']);
    if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) {
      throw new UsageError(
        `--timeout ${values['timeout']}: a positive whole number of milliseconds`,
      );
    }
  }
  let ca: string | undefined;
  if (typeof values['cacert'] === 'string') {
    try {
      ca = readFileSync(values['cacert'], 'utf8');
    } catch (error) {
      throw new UsageError(
        `--cacert: cannot read ${values['cacert']}: ${(error as Error).message}`,
      );
    }
  }
  const optional = <T>(key: string, value: T | undefined): Record<string, T> =>
    value === undefined ? {} : { [key]: value };
  return {
    url,
    origin,
    ...optional('method', values['method'] as string | undefined),
    ...optional('headers', values['header'] as string[] | undefined),
    ...optional('credentials', values['credentials'] as boolean | undefined),
    ...optional('data', values['data'] as string | undefined),
    ...optional('cookie', values['cookie'] as string | undefined),
    ...optional('send', values['send'] as boolean | undefined),
    ...optional('insecure', values['insecure'] as boolean | undefined),
    ...optional('timeoutMs', timeoutMs),
    ...optional('ca', ca),
  };
}

/** Pretty JSON, with each `[name, value]` header pair on one line. */
export function toJson(result: CheckResult | ExplainResult): string {
  const string = '"(?:[^"\\\\]|\\\\.)*"';
  const pair = new RegExp(`\\[\\n\\s+(${string}),\\n\\s+(${string})\\n\\s+\\]`, 'g');
  return JSON.stringify(result, null, 2).replace(pair, '[$1, $2]');
}

/** The exit code for a verdict. */
export function exitCodeOf(result: CheckResult): number {
  switch (result.verdict) {
    case 'allow':
    case 'unverified':
      return EXIT_ALLOW;
    case 'block':
      return EXIT_BLOCK;
    case 'error':
      return EXIT_ERROR;
  }
}

/** Runs `corsica` with `argv` (without the node and script paths); resolves with the exit code. */
export async function main(argv: readonly string[], io: CliIO, version = '0.0.0'): Promise<number> {
  const usage = (message: string): number => {
    const paint = painter(useColor(io.stderr, io.env, argv.includes('--no-color')));
    io.stderr.write(
      `${paint('red', 'corsica: error:')} ${message}\n${paint('dim', "Run 'corsica --help' for usage.")}\n`,
    );
    return EXIT_ERROR;
  };
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    return usage((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help === true) {
    io.stdout.write(HELP);
    return EXIT_ALLOW;
  }
  if (values.version === true) {
    io.stdout.write(`${version}\n`);
    return EXIT_ALLOW;
  }
  const [command, ...rest] = positionals;
  if (command === undefined) {
    io.stdout.write(HELP);
    return EXIT_ERROR;
  }
  if (command === 'explain') return runExplain(values, rest, io, usage);
  if (command !== 'check') {
    return usage(`unknown command ${JSON.stringify(command)}: the commands are check and explain`);
  }
  for (const name of EXPLAIN_ONLY) {
    if (values[name] !== undefined) return usage(`--${name} is an option of explain, not check`);
  }
  let options: CheckOptions;
  try {
    options = toCheckOptions(values, rest);
  } catch (error) {
    if (error instanceof UsageError) return usage(error.message);
    throw error;
  }
  const json = values.json === true;
  const noColor = values['no-color'] === true;
  let result: CheckResult;
  try {
    result = await check(options);
  } catch (error) {
    if (error instanceof CheckUsageError) return usage(error.message);
    throw error;
  }
  const errPaint = painter(useColor(io.stderr, io.env, noColor || json));
  for (const warning of result.warnings) {
    io.stderr.write(`${errPaint('yellow', 'corsica: warning:')} ${warning}\n`);
  }
  if (result.error !== null) {
    io.stderr.write(
      `${errPaint('red', `corsica: ${result.error.kind} error:`)} ${result.error.message} (${result.error.code})\n`,
    );
  }
  if (json) {
    io.stdout.write(`${toJson(result)}\n`);
  } else {
    io.stdout.write(formatResult(result, painter(useColor(io.stdout, io.env, noColor))));
  }
  return exitCodeOf(result);
}

const EXPLAIN_ONLY = ['config', 'path'] as const;
const CHECK_ONLY = ['data', 'cookie', 'send', 'timeout', 'cacert', 'insecure'] as const;

type ParsedValues = ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>['values'];

/** `corsica explain`: the policy file's answer, offline. */
async function runExplain(
  values: ParsedValues,
  positionals: readonly string[],
  io: CliIO,
  usage: (message: string) => number,
): Promise<number> {
  for (const name of CHECK_ONLY) {
    if (values[name] !== undefined) return usage(`--${name} is an option of check, not explain`);
  }
  if (positionals.length > 0) {
    return usage(
      `unexpected argument ${JSON.stringify(positionals[0])}: explain reads the policy from --config, and sends nothing`,
    );
  }
  if (values.config === undefined) {
    return usage('--config is required: the file that exports the policy (.json, .js, .mjs, .cjs)');
  }
  if (values.origin === undefined) {
    return usage('--origin is required: the origin of the page that calls fetch()');
  }
  const json = values.json === true;
  const noColor = values['no-color'] === true;
  // Loaded on demand: `check` needs neither the core nor the policy file.
  const { explain, ExplainConfigLoadError } = await import('./explain.ts');
  let result: ExplainResult;
  try {
    result = await explain({
      config: values.config,
      origin: values.origin,
      ...(values.method === undefined ? {} : { method: values.method }),
      ...(values.header === undefined ? {} : { headers: values.header }),
      ...(values.credentials === undefined ? {} : { credentials: values.credentials }),
      ...(values.path === undefined ? {} : { path: values.path }),
    });
  } catch (error) {
    if (error instanceof CheckUsageError || error instanceof ExplainConfigLoadError) {
      return usage(error.message);
    }
    throw error;
  }
  const errPaint = painter(useColor(io.stderr, io.env, noColor || json));
  for (const warning of result.warnings) {
    io.stderr.write(`${errPaint('yellow', 'corsica: warning:')} ${warning}\n`);
  }
  if (json) io.stdout.write(`${toJson(result)}\n`);
  else io.stdout.write(formatExplainResult(result, painter(useColor(io.stdout, io.env, noColor))));
  return result.verdict === 'allow' ? EXIT_ALLOW : EXIT_BLOCK;
}
