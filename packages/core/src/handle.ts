import type { OriginEntry } from './config/origins.ts';
import { CorsConfigError } from './config/problems.ts';
import type { NormalizedPolicy } from './config/validate.ts';
import { Decision } from './decision.ts';
import { configMessages as say } from './messages/config.ts';
import { sanitizeForLog } from './messages/sanitize.ts';
import type { CompiledPolicy } from './policy.ts';
import { ACRH, ACRM } from './protocol/headers.ts';
import type {
  CorsDecision,
  CorsDecisionHook,
  CorsLogOption,
  CorsLogRecord,
  CorsLogSink,
  CorsRequest,
} from './types.ts';

/**
 * A compiled policy as users and adapters hold it: `decide`, plus what is built around decisions
 * (the decision hook, the development log, explanations, log records, debug mode). With no hook
 * and no log, `decide` costs one branch more than the compiled policy itself.
 */

/** Marks compiled policies, across duplicate copies of this package (ESM and CJS). */
export const CORS_HANDLE: unique symbol = Symbol.for('@corsica/cors-core.handle') as never;

/** Where a policy's decisions come from: one compiled policy, or a route table of them. */
export interface Decider {
  decide(request: CorsRequest<unknown>): Decision | Promise<Decision>;
}

type OnError = (error: unknown, request: CorsRequest<unknown>) => void;

/** Distinct (reason, origin, route) denials the development log writes, per process. */
const MAX_LOGGED = 256;
/** Past the bound, one summary line per this many further denials. */
const SUMMARY_EVERY = 10_000;

/** The explanations, loaded on first use: they are not on the path of a request. */
function explanations(): Promise<typeof import('./messages/explain.ts')> {
  return import('./messages/explain.ts');
}

/** Every problem of a refused policy, each with its message and why Corsica refuses it. */
export function explainConfigError(error: CorsConfigError): Promise<string> {
  return explanations().then((module) => module.explainConfigError(error));
}

/** Options, validated and compiled: what a handle decides with, and what it was given. */
export interface CompiledOptions {
  readonly decider: Decider;
  readonly policies: readonly CompiledPolicy[];
  /** The options in force, normalized (`getOptions()`), without the handle's settings. */
  readonly canonical: () => Record<string, unknown>;
  /** Whether an origin predicate is an `async` function. */
  readonly asynchronous: boolean;
  readonly settings: HandleSettings;
}

/** What configures the handle rather than the policy: kept across `reconfigure` unless given. */
interface HandleSettings {
  readonly onError: OnError | undefined;
  readonly onDecision: CorsDecisionHook<unknown> | undefined;
  readonly log: CorsLogOption | undefined;
  readonly debug: boolean;
}

type Compile = (options: unknown, caller: string) => CompiledOptions;
/** What an adapter merges over the user's options (Nest's `@Cors()` routes): see `useOverlay`. */
type Overlay = (options: Readonly<Record<string, unknown>>) => Readonly<Record<string, unknown>>;

export class CorsHandle {
  #revision = 1;
  readonly #revisions = new WeakMap<object, number>();
  #decider!: Decider;
  #policies!: readonly CompiledPolicy[];
  #canonical!: () => Record<string, unknown>;
  readonly #asynchronous: boolean;
  readonly #compile: Compile;
  /** The options last given (`createCors`, `reconfigure`), before any overlay. */
  #given: unknown;
  #overlay: Overlay | undefined;
  #hook: CorsDecisionHook<unknown> | undefined;
  #onError: OnError | undefined;
  #logOption: CorsLogOption | undefined;
  #debug = false;
  #sink: CorsLogSink<unknown> | undefined;
  /** Whether decisions are reported at all (a hook, or a log that writes). */
  #observed = false;
  readonly #logged = new Set<string>();
  #unlogged = 0;

  constructor(options: unknown, compile: Compile, caller: string) {
    // A marker, not a class check: two copies of the package (ESM and CJS) know each other's.
    Object.defineProperty(this, CORS_HANDLE, { value: true });
    const compiled = compile(options, caller);
    this.#compile = compile;
    this.#given = options;
    this.#asynchronous = compiled.asynchronous;
    this.#adopt(compiled);
  }

  /** 1, plus one per `reconfigure`. */
  get revision(): number {
    return this.#revision;
  }

  /**
   * Puts new options in force, at once: decisions already under way finish with the policy they
   * started with. Invalid options throw a `CorsConfigError` and change nothing. The hook, error
   * handler, log option and debug flag stay as they are unless the new options set them.
   */
  reconfigure(options: unknown): void {
    const given = typeof options === 'object' && options !== null ? { ...options } : options;
    if (typeof given === 'object' && given !== null) {
      const record = given as Record<string, unknown>;
      for (const [key, value] of Object.entries(this.#settings())) record[key] ??= value;
    }
    this.#install(given, this.#overlay, 'cors.reconfigure()', this.#revision + 1);
  }

  /**
   * For adapters: options derived from the framework (Nest's `@Cors()` routes), merged over the
   * user's options now and again on every `reconfigure`. The overlay may receive options that
   * already hold what it added (`reconfigure(cors.getOptions())`), so it replaces, never appends
   * twice. Invalid results throw a `CorsConfigError` and change nothing.
   */
  useOverlay(overlay: Overlay, caller = 'createCors()'): void {
    // Not a change of the user's options: the handle's settings stay exactly as they are. The
    // options last given compiled, so they are an object (compile refuses anything else).
    const kept = { ...(this.#given as Record<string, unknown>), ...this.#settings() };
    this.#install(kept, overlay, caller, this.#revision);
  }

  /** The options in force, normalized (canonical origins), functions by reference. */
  getOptions(): Record<string, unknown> {
    const { onError, onDecision, log, debug } = this.#settings();
    const options = this.#canonical();
    if (onError !== undefined) options['onError'] = onError;
    if (onDecision !== undefined) options['onDecision'] = onDecision;
    if (log !== undefined) options['log'] = log;
    if (debug) options['debug'] = true;
    return options;
  }

  #install(given: unknown, overlay: Overlay | undefined, caller: string, revision: number): void {
    const merged =
      overlay === undefined || typeof given !== 'object' || given === null
        ? given
        : overlay(given as Record<string, unknown>);
    const compiled = this.#compile(merged, caller);
    if (compiled.asynchronous && !this.#asynchronous) {
      throw new CorsConfigError(
        [
          {
            code: 'reconfigure-sync-async',
            option: 'origins',
            value: (merged as Record<string, unknown>)['origins'],
            message: say.reconfigureSyncAsync(),
          },
        ],
        caller,
      );
    }
    this.#given = given;
    this.#overlay = overlay;
    this.#revision = revision;
    this.#adopt(compiled);
  }

  /** Swaps in a compiled policy; its decisions' log records carry the revision they came from. */
  #adopt(compiled: CompiledOptions): void {
    for (const policy of compiled.policies) this.#revisions.set(policy.view, this.#revision);
    this.#decider = compiled.decider;
    this.#policies = compiled.policies;
    this.#canonical = compiled.canonical;
    this.#settle(compiled.settings);
  }

  #settings(): HandleSettings {
    return {
      onError: this.#onError,
      onDecision: this.#hook,
      log: this.#logOption,
      debug: this.#debug,
    };
  }

  #settle(settings: HandleSettings): void {
    this.#onError = settings.onError;
    this.#logOption = settings.log;
    this.#hook = settings.onDecision;
    this.setDebug(settings.debug);
    this.#refresh();
  }

  decide(request: CorsRequest<unknown>): Decision | Promise<Decision> {
    const decision = this.#decider.decide(request);
    if (!this.#observed) return decision;
    if (decision instanceof Promise) {
      return decision.then((settled) => {
        this.#report(settled, request);
        return settled;
      });
    }
    this.#report(decision, request);
    return decision;
  }

  onDecision(hook: CorsDecisionHook<unknown> | undefined): void {
    this.#hook = hook;
    this.#refresh();
  }

  setDebug(enabled: boolean): void {
    this.#debug = enabled;
    for (const policy of this.#policies) policy.debug = enabled;
  }

  useLog(sink: CorsLogSink<unknown>): void {
    this.#sink = sink;
    this.#refresh();
  }

  async explain(subject: CorsDecision | CorsRequest<unknown>): Promise<string> {
    const decision =
      subject instanceof Decision
        ? subject
        : await this.#decider.decide(subject as CorsRequest<unknown>);
    const module = await explanations();
    return module.explainDecision({
      decision: decision as CorsDecision,
      ...Decision.internals(decision as Decision),
    });
  }

  toLogRecord(decision: CorsDecision, request?: CorsRequest<unknown>): CorsLogRecord {
    const { view } = Decision.internals(decision as Decision);
    const kind = decision.kind;
    const path = request?.path;
    const end = path === undefined ? -1 : path.search(/[?#]/);
    const safe = (value: unknown): string | null =>
      typeof value === 'string' ? sanitizeForLog(value) : null;
    const origin = decision.origin;
    return {
      schemaVersion: 1,
      kind,
      allowed: decision.allowed,
      reason: decision.reason ?? null,
      origin: safe(origin),
      method: safe(request?.method),
      requestedMethod: kind === 'preflight' ? safe(joined(request?.header(ACRM))) : null,
      path: path === undefined ? null : sanitizeForLog(end === -1 ? path : path.slice(0, end)),
      requestedHeaders: kind === 'preflight' ? safe(joined(request?.header(ACRH))) : null,
      route: view.scope,
      revision: this.#revisions.get(view) ?? this.#revision,
      labels: {
        kind,
        allowed: decision.allowed ? 'true' : 'false',
        reason: decision.reason ?? 'none',
        origin:
          origin === undefined
            ? 'none'
            : view.policy !== undefined && listedOrigins(view.policy).has(origin)
              ? origin
              : 'other',
        route: view.scope,
      },
    };
  }

  #refresh(): void {
    this.#observed =
      this.#hook !== undefined ||
      typeof this.#logOption === 'function' ||
      this.#logLevel() !== false;
  }

  /** What the development log writes: the option, or by default denials outside production. */
  #logLevel(): false | 'denials' | 'all' {
    const option = this.#logOption;
    if (typeof option === 'function' || this.#sink === undefined) return false;
    if (option === undefined) return this.#sink.production ? false : 'denials';
    return option;
  }

  #report(decision: Decision, request: CorsRequest<unknown>): void {
    const hook = this.#hook;
    if (hook !== undefined) this.#guard(() => hook(decision as CorsDecision, request), request);
    const option = this.#logOption;
    if (typeof option === 'function') {
      this.#guard(() => option(this.toLogRecord(decision as CorsDecision, request)), request);
      return;
    }
    const level = this.#logLevel();
    if (level === false || (level === 'denials' && decision.allowed)) return;
    // Paths left to the application on purpose are not a failure worth a line.
    if (Decision.leftToApplication(decision)) return;
    this.#log(decision, request);
  }

  /** One line per distinct (reason, origin, route), for at most MAX_LOGGED of them. */
  #log(decision: Decision, request: CorsRequest<unknown>): void {
    const sink = this.#sink as CorsLogSink<unknown>;
    const key = Decision.logKey(decision);
    if (this.#logged.has(key)) return;
    if (this.#logged.size >= MAX_LOGGED) {
      if (this.#unlogged++ % SUMMARY_EVERY === 0) {
        this.#guard(
          () =>
            sink.write(
              `CORS: ${MAX_LOGGED} distinct decisions were logged; ${this.#unlogged} more since are counted, not logged, so that random origins cannot flood the log.`,
              request.context,
            ),
          request,
        );
      }
      return;
    }
    this.#logged.add(key);
    const { view, detail } = Decision.internals(decision);
    const path = request.path;
    explanations().then(
      (module) =>
        this.#guard(
          () =>
            sink.write(
              module.logLine(
                { decision: decision as CorsDecision, view, detail },
                request.method,
                path === undefined ? undefined : path.split(/[?#]/)[0],
              ),
              request.context,
            ),
          request,
        ),
      (error: unknown) =>
        this.#guard(() => {
          throw error;
        }, request),
    );
  }

  /** Runs a hook: what it throws, or a promise it returns rejects with, goes to onError. */
  #guard(run: () => unknown, request: CorsRequest<unknown>): void {
    const report = (error: unknown): void => {
      try {
        this.#onError?.(error, request);
      } catch {
        // An error hook that throws must not turn a decision into a crash.
      }
    };
    try {
      const result = run();
      if (
        result !== null &&
        typeof result === 'object' &&
        typeof (result as PromiseLike<unknown>).then === 'function'
      ) {
        (result as PromiseLike<unknown>).then(undefined, report);
      }
    } catch (error) {
      report(error);
    }
  }
}

function joined(value: string | readonly string[] | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  return typeof value === 'string' ? value : value.join(', ');
}

const LISTED = new WeakMap<NormalizedPolicy, ReadonlySet<string>>();

/** The origins a policy lists exactly (in origins or credentials): the low-cardinality labels. */
function listedOrigins(policy: NormalizedPolicy): ReadonlySet<string> {
  let listed = LISTED.get(policy);
  if (listed === undefined) {
    const exact = (entries: readonly OriginEntry[]): string[] =>
      entries.flatMap((entry) => (entry.kind === 'exact' ? [entry.origin] : []));
    listed = new Set([
      ...(policy.origins.kind === 'list' ? exact(policy.origins.entries) : []),
      ...(policy.credentials.kind === 'list' ? exact(policy.credentials.entries) : []),
    ]);
    LISTED.set(policy, listed);
  }
  return listed;
}
