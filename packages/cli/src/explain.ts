/**
 * `explain()`: what a Corsica policy answers a page's fetch(), offline. The policy decides the
 * preflight (when Fetch needs one) and the actual request, its own explanation says why, and the
 * browser's checks (cors-checks.ts, in Chromium's order and names) run on the headers it would
 * write, so the verdict also covers what the policy allows but the browser still refuses
 * (credentials without `Access-Control-Allow-Credentials`).
 */
import { access, readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type {
  AsyncCors,
  Cors,
  CorsConfigProblem,
  CorsDecision,
  CorsInput,
} from '@corsica/cors-core';
import { explainConfigError, toCors } from '@corsica/cors-core';
import {
  CheckUsageError,
  parseHeaders,
  parseMethod,
  parseOrigin,
  preflightReasons,
} from './check.ts';
import type { CheckFailure, HeaderLines } from './cors-checks.ts';
import { corsCheck, preflightCheck } from './cors-checks.ts';
import { commonErrorOf } from './diagnosis.ts';
import { accessControlRequestHeaders } from './fetch-rules.ts';
import type { CommonError, CorsErrorName, HeaderLine } from './result.ts';

export interface ExplainOptions {
  /** The policy file: `.json`, or `.js`/`.mjs`/`.cjs` whose default export is options or a handle. */
  readonly config: string;
  /** The page's origin (`https://app.example.com`), or `null`. */
  readonly origin: string;
  /** The method as the page writes it; normalized as fetch() does. Default GET. */
  readonly method?: string;
  /** Headers the page sets: `"Name: value"`, a bare `"Name"` (an empty value), or pairs. */
  readonly headers?: readonly (string | readonly [string, string])[];
  /** `credentials: 'include'`. */
  readonly credentials?: boolean;
  /** The request path (the raw target the router sees); required when the policy has routes. */
  readonly path?: string;
  /** Where a relative `config` is resolved from; default `process.cwd()`. */
  readonly cwd?: string;
}

/** What the policy decided for one request, as an adapter would write it. */
export interface ExplainedDecision {
  readonly allowed: boolean;
  /** Corsica's denial reason (`method-not-allowed`…), null when allowed. */
  readonly reason: string | null;
  /** The offending value (origin, method, header name, path), null when allowed. */
  readonly value: string | null;
  /** The status Corsica ends the response with; null when the application answers. */
  readonly status: number | null;
  readonly headers: readonly HeaderLine[];
  /** `cors.explain(decision)`: the failing check and the option that would allow it, or the rule that matched. */
  readonly explanation: string;
}

/** A problem of a refused policy (`CorsConfigError.problems`). */
export interface ExplainedConfigProblem {
  readonly code: string;
  readonly option: string;
  readonly message: string;
}

export interface ExplainResult {
  readonly schemaVersion: 1;
  /**
   * `allow`: the browser would let the page read the response; `block`: it would not;
   * `invalid-config`: the policy is refused when it is built (`CorsConfigError`).
   */
  readonly verdict: 'allow' | 'block' | 'invalid-config';
  /** Chromium's `network::mojom::CorsError` for the headers Corsica would write; null unless blocked. */
  readonly failedCheck: CorsErrorName | null;
  readonly failedParameter: string | null;
  readonly commonError: CommonError | null;
  /** What to do, when the browser refuses what the policy allows (Corsica's explanation covers denials). */
  readonly note: string | null;
  /** The config file, resolved. */
  readonly config: string;
  readonly request: {
    readonly origin: string;
    readonly method: string;
    readonly path: string | null;
    readonly credentials: 'include' | 'same-origin';
    readonly headers: readonly HeaderLine[];
  };
  readonly preflight: {
    readonly needed: boolean;
    readonly reasons: readonly string[];
    readonly requestMethod: string | null;
    readonly requestHeaders: string | null;
    /** Null when no preflight is needed, or the policy was refused. */
    readonly decision: ExplainedDecision | null;
  };
  /** The actual request's decision; null when the preflight already fails, or the policy was refused. */
  readonly actual: ExplainedDecision | null;
  /** The problems of a refused policy, and `explainConfigError`'s text; null otherwise. */
  readonly configError: {
    readonly problems: readonly ExplainedConfigProblem[];
    readonly explanation: string;
  } | null;
  readonly warnings: readonly string[];
}

/** The policy file cannot be loaded: missing, unreadable, TypeScript, no default export. */
export class ExplainConfigLoadError extends Error {
  override readonly name = 'ExplainConfigLoadError';
}

const LOADABLE = new Set(['.json', '.js', '.mjs', '.cjs']);
/** Imported only when Node runs with a loader for them. */
const TYPESCRIPT = new Set(['.ts', '.mts', '.cts']);

/** A `CorsConfigError`, also from another copy of the core (the config file's own). */
function isConfigError(
  error: unknown,
): error is Error & { problems: readonly CorsConfigProblem[] } {
  return (
    error instanceof Error &&
    error.name === 'CorsConfigError' &&
    Array.isArray((error as { problems?: unknown }).problems)
  );
}

/**
 * Why a config module did not import, in words. Node imports TypeScript only through a loader
 * (tsx, ts-node…): without one it fails with ERR_UNKNOWN_FILE_EXTENSION, which says nothing
 * about how to fix it.
 */
export function importError(file: string, error: unknown): ExplainConfigLoadError {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ERR_UNKNOWN_FILE_EXTENSION' && TYPESCRIPT.has(extname(file).toLowerCase())) {
    return new ExplainConfigLoadError(
      `${file}: Node cannot import TypeScript by itself. Run corsica with a loader (node --import tsx "$(command -v corsica)" explain …), or write the policy as .mjs or .json.`,
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ExplainConfigLoadError(`cannot load ${file}: ${message}`);
}

/**
 * The file's policy: JSON, or a module's default export, imported through its file URL (so
 * Windows paths work). A module that calls `createCors` with a refused policy throws its
 * `CorsConfigError` here, which the caller explains.
 */
async function loadPolicy(file: string): Promise<unknown> {
  const extension = extname(file).toLowerCase();
  if (!LOADABLE.has(extension) && !TYPESCRIPT.has(extension)) {
    throw new ExplainConfigLoadError(
      `${file}: expected a .json, .js, .mjs or .cjs file (or .ts with a loader) whose default export is the options of createCors() or a policy it returned`,
    );
  }
  if (extension === '.json') {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw new ExplainConfigLoadError(`cannot read ${file}: ${(error as Error).message}`);
    }
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new ExplainConfigLoadError(`${file} is not JSON: ${(error as Error).message}`);
    }
  }
  try {
    await access(file);
  } catch (error) {
    throw new ExplainConfigLoadError(`cannot read ${file}: ${(error as Error).message}`);
  }
  let module: { default?: unknown };
  try {
    module = (await import(pathToFileURL(file).href)) as { default?: unknown };
  } catch (error) {
    if (isConfigError(error)) throw error;
    throw importError(file, error);
  }
  if (module.default === undefined) {
    throw new ExplainConfigLoadError(
      `${file} has no default export: write export default { origins: [...] } (or module.exports = … in CommonJS)`,
    );
  }
  return module.default;
}

function headerLookup(values: Readonly<Record<string, string | undefined>>) {
  return (name: string): string | undefined => values[name];
}

function describeDecision(decision: CorsDecision, explanation: string): ExplainedDecision {
  return {
    allowed: decision.allowed,
    reason: decision.reason ?? null,
    value: decision.value ?? null,
    status: decision.status ?? null,
    headers: decision.headers.map(([name, value]) => [name, value] as const),
    explanation,
  };
}

/** What the browser would make of a credentialed request the policy allows without credentials. */
function credentialsNote(failure: CheckFailure): string | null {
  switch (failure.code) {
    case 'WildcardOriginNotAllowed':
    case 'PreflightWildcardOriginNotAllowed':
      return "The page sends credentials, and origins: '*' answers with Access-Control-Allow-Origin: *, which browsers never accept with credentials. Give this origin credentials with a tiered policy: credentials: ['<origin>'] next to origins: '*'.";
    case 'InvalidAllowCredentials':
    case 'PreflightInvalidAllowCredentials':
      return "The page sends credentials (credentials: 'include'), but the policy grants this origin none, so there is no Access-Control-Allow-Credentials: true. Set credentials: true, or list the origin in credentials; or drop credentials: 'include' in the page if it needs no cookies.";
    default:
      return null;
  }
}

/**
 * Evaluates a Corsica policy offline for a fetch() from `origin`: loads the file, builds the policy
 * (explaining a `CorsConfigError`), decides the preflight Fetch would send (if any) and the actual
 * request, explains each decision, and runs the browser's CORS checks on what Corsica would write.
 * Rejects with a `CheckUsageError` for a request no page could make (or a routed policy without
 * `path`), and with an `ExplainConfigLoadError` when the file cannot be loaded.
 */
export async function explain(options: ExplainOptions): Promise<ExplainResult> {
  const warnings: string[] = [];
  const origin = parseOrigin(options.origin, warnings);
  const method = parseMethod(options.method ?? 'GET', warnings);
  const headers = parseHeaders(
    (options.headers ?? []).map((entry) =>
      typeof entry === 'string' && !entry.includes(':') ? ([entry.trim(), ''] as const) : entry,
    ),
  );
  const credentialsInclude = options.credentials === true;
  const path = options.path ?? null;
  if (path !== null && !path.startsWith('/')) {
    throw new CheckUsageError(
      `--path ${JSON.stringify(path)} must start with / (the request target's path)`,
    );
  }
  const reasons = preflightReasons(method, headers);
  const requestMethod = reasons.length > 0 ? method : null;
  const requestHeaders = reasons.length > 0 ? accessControlRequestHeaders(headers) : null;
  const config = resolve(options.cwd ?? process.cwd(), options.config);
  const request: ExplainResult['request'] = {
    origin,
    method,
    path,
    credentials: credentialsInclude ? 'include' : 'same-origin',
    headers: headers.map(({ name, value }) => [name, value] as const),
  };
  /** The result, its fields in the order `--json` prints them. */
  const result = (
    outcome: Pick<
      ExplainResult,
      'verdict' | 'failedCheck' | 'failedParameter' | 'commonError' | 'note' | 'actual'
    > & {
      readonly preflight: ExplainedDecision | null;
      readonly configError?: ExplainResult['configError'];
    },
  ): ExplainResult => ({
    schemaVersion: 1,
    verdict: outcome.verdict,
    failedCheck: outcome.failedCheck,
    failedParameter: outcome.failedParameter,
    commonError: outcome.commonError,
    note: outcome.note,
    config,
    request,
    preflight: {
      needed: reasons.length > 0,
      reasons,
      requestMethod,
      requestHeaders,
      decision: outcome.preflight,
    },
    actual: outcome.actual,
    configError: outcome.configError ?? null,
    warnings,
  });

  let cors: Cors<unknown> | AsyncCors<unknown>;
  try {
    cors = toCors((await loadPolicy(config)) as CorsInput<unknown>);
  } catch (error) {
    if (!isConfigError(error)) throw error;
    return result({
      verdict: 'invalid-config',
      failedCheck: null,
      failedParameter: null,
      commonError: null,
      note: null,
      preflight: null,
      actual: null,
      configError: {
        problems: error.problems.map(({ code, option, message }) => ({ code, option, message })),
        explanation: await explainConfigError(error as Parameters<typeof explainConfigError>[0]),
      },
    });
  }

  const routed = (decision: CorsDecision): void => {
    if (path === null && decision.reason === 'path-unsafe' && decision.value === '') {
      throw new CheckUsageError(
        '--path is required: the policy has per-path routes, so the answer depends on the path (e.g. --path /api/items)',
      );
    }
  };
  const pathPart = path === null ? {} : { path };

  let preflight: ExplainedDecision | null = null;
  if (reasons.length > 0) {
    const decision = await cors.decide({
      method: 'OPTIONS',
      header: headerLookup({
        origin,
        'access-control-request-method': method,
        'access-control-request-headers': requestHeaders ?? undefined,
      }),
      ...pathPart,
    });
    routed(decision);
    preflight = describeDecision(decision, await cors.explain(decision));
    const check = preflightCheck({
      // Handed on to the application (preflight.continue): assume it answers 2xx.
      status: decision.status ?? 204,
      lines: decision.headers as HeaderLines,
      origin,
      credentialsInclude,
      method,
      headers,
    });
    if (check.failure !== null) {
      return result({
        verdict: 'block',
        failedCheck: check.failure.code,
        failedParameter: check.failure.parameter,
        commonError: commonErrorOf(check.failure.code),
        note: decision.allowed ? credentialsNote(check.failure) : null,
        preflight,
        actual: null,
      });
    }
  }

  const decision = await cors.decide({
    method,
    header: headerLookup({ origin }),
    ...pathPart,
  });
  routed(decision);
  const actual = describeDecision(decision, await cors.explain(decision));
  const failure = corsCheck(decision.headers as HeaderLines, origin, credentialsInclude);
  return result({
    verdict: failure === null ? 'allow' : 'block',
    failedCheck: failure?.code ?? null,
    failedParameter: failure?.parameter ?? null,
    commonError: failure === null ? null : commonErrorOf(failure.code),
    note: failure !== null && decision.allowed ? credentialsNote(failure) : null,
    preflight,
    actual,
  });
}
