import type { FetchOutcome } from './browser.ts';
import type { Step } from './scenario.ts';
import type { Arrival, Handled } from './servers/request-log.ts';

/** What one step produced: the page's outcome, and the server's log for it. */
export interface Observed {
  readonly outcome: FetchOutcome;
  readonly arrivals: readonly Arrival[];
  readonly handled: readonly Handled[];
}

/** Every way `observed` differs from what `step` expects; empty when the step passes. */
export function verifyStep(step: Step, observed: Observed): string[] {
  return [...verifyPage(step, observed), ...verifyServer(step, observed)];
}

function verifyPage({ page }: Step, { outcome, arrivals }: Observed): string[] {
  const problems: string[] = [];
  if (page.readable) {
    if (!outcome.read) {
      return [
        `the page should read a ${page.status}, but its fetch rejected (${failureText(outcome)})`,
      ];
    }
    if (outcome.status !== page.status) {
      problems.push(`the page should read status ${page.status}, read ${outcome.status}`);
    }
    if (page.body !== undefined && outcome.body !== page.body) {
      problems.push(`the page should read the body ${q(page.body)}, read ${q(outcome.body)}`);
    }
    for (const [name, value] of Object.entries(page.headers ?? {})) {
      const actual = outcome.headers[name] ?? null;
      if (actual !== value) {
        problems.push(`response.headers.get(${q(name)}) should be ${q(value)}, was ${q(actual)}`);
      }
    }
    for (const arrival of arrivals) {
      if (arrival.core !== 'allowed') {
        problems.push(
          `the core should allow ${arrival.method} ${arrival.url}, says ${arrival.core}`,
        );
      }
    }
    return problems;
  }

  if (outcome.read) {
    return [
      `the page should be refused (Chromium: ${page.chromium}), but it read ${outcome.status} ${q(outcome.body)}`,
    ];
  }
  if (outcome.name !== 'TypeError') {
    problems.push(
      `the fetch should reject with a TypeError, rejected with ${failureText(outcome)}`,
    );
  }
  const failure = outcome.failure;
  if (failure?.corsError !== page.chromium) {
    problems.push(
      `Chromium should report corsError ${page.chromium}, reported ${failure?.corsError ?? `no CORS error (${failure?.errorText ?? 'no loadingFailed event'})`}`,
    );
  }
  if (page.failedParameter !== undefined && failure?.failedParameter !== page.failedParameter) {
    problems.push(
      `Chromium's failedParameter should be ${q(page.failedParameter)}, was ${q(failure?.failedParameter ?? null)}`,
    );
  }
  // The request the browser refused: the preflight when nothing followed it, else the actual one.
  const actual = arrivals.find((arrival) => !arrival.preflight);
  const refused = actual ?? arrivals.find((arrival) => arrival.preflight);
  if (refused === undefined) {
    problems.push(`the core should say ${page.corsica}, but nothing reached the server`);
  } else if (refused.core !== page.corsica) {
    problems.push(
      `the core should say ${page.corsica} for ${refused.method} ${refused.url}, says ${refused.core}`,
    );
  }
  return problems;
}

function verifyServer({ server }: Step, { arrivals, handled }: Observed): string[] {
  const problems: string[] = [];
  const preflights = arrivals.filter((arrival) => arrival.preflight);
  const actuals = arrivals.filter((arrival) => !arrival.preflight);
  problems.push(...verifyArrival('preflight', server.preflight, preflights));
  problems.push(...verifyArrival('actual request', server.actual, actuals));
  for (const preflight of preflights) {
    if (preflight.cookie !== undefined) {
      problems.push(`the preflight should carry no cookie, carried ${q(preflight.cookie)}`);
    }
  }
  if (handled.length > 0 !== server.handler) {
    problems.push(
      server.handler
        ? 'a handler of the application should have run, none did'
        : `no handler should have run, ${handled.map((entry) => entry.method).join(' and ')} did`,
    );
  }
  if (server.cookie !== undefined) {
    const received = handled.find((entry) => entry.method !== 'OPTIONS')?.cookie ?? null;
    if (received !== server.cookie) {
      problems.push(
        `the handler should receive Cookie ${q(server.cookie)}, received ${q(received)}`,
      );
    }
  }
  problems.push(...verifyHeaders('preflight', server.preflightHeaders, preflights[0]));
  problems.push(...verifyHeaders('actual', server.actualHeaders, actuals[0]));
  return problems;
}

function verifyArrival(what: string, expected: number | false, seen: readonly Arrival[]): string[] {
  if (expected === false) {
    return seen.length === 0 ? [] : [`no ${what} should reach the server, ${seen.length} did`];
  }
  if (seen.length !== 1) return [`one ${what} should reach the server, ${seen.length} did`];
  const status = seen[0]?.status;
  return status === expected ? [] : [`the ${what} should be answered ${expected}, was ${status}`];
}

function verifyHeaders(
  which: string,
  expected: Readonly<Record<string, string | null>> | undefined,
  arrival: Arrival | undefined,
): string[] {
  if (expected === undefined) return [];
  if (arrival === undefined) return [`the ${which} answer should be checked, but none was sent`];
  const problems: string[] = [];
  for (const [name, value] of Object.entries(expected)) {
    const actual = arrival.headers[name] ?? null;
    if (actual !== value) {
      problems.push(`the ${which} answer's ${name} should be ${q(value)}, was ${q(actual)}`);
    }
  }
  return problems;
}

/** The step as it happened, for failure messages. */
export function describeObserved({ outcome, arrivals, handled }: Observed): string[] {
  const page = outcome.read
    ? `page read ${outcome.status} ${q(outcome.body)}; headers it could see: ${outcome.visible.join(', ') || 'none'}`
    : `page's fetch rejected: ${failureText(outcome)}`;
  const lines = [page];
  if (arrivals.length === 0) lines.push('server: nothing arrived');
  for (const arrival of arrivals) {
    const asked = arrival.preflight
      ? ` asking ${arrival.requestMethod}${arrival.requestHeaders === undefined ? '' : ` + ${arrival.requestHeaders}`}`
      : '';
    const acHeaders = Object.entries(arrival.headers)
      .filter(([name]) => name.startsWith('access-control-'))
      .map(([name, value]) => `${name}: ${value}`);
    const core =
      arrival.coreValue === undefined ? arrival.core : `${arrival.core} ${q(arrival.coreValue)}`;
    lines.push(
      `server: ${arrival.method} ${arrival.url} from ${arrival.origin ?? 'no Origin'}${asked} → ${arrival.status ?? 'no answer'} [${acHeaders.join('; ') || 'no Access-Control-* headers'}] (core: ${core})`,
    );
  }
  for (const entry of handled) {
    lines.push(`handler ran: ${entry.method} ${entry.url}, Cookie ${q(entry.cookie ?? null)}`);
  }
  return lines;
}

function failureText(outcome: Extract<FetchOutcome, { read: false }>): string {
  const { failure } = outcome;
  const chromium =
    failure === undefined
      ? 'Chromium reported no failure'
      : failure.corsError === undefined
        ? `Chromium: ${failure.errorText}, no CORS error`
        : `Chromium: ${failure.corsError}${failure.failedParameter ? ` (${failure.failedParameter})` : ''}`;
  return `${outcome.name}: ${outcome.message}; ${chromium}`;
}

function q(value: string | null): string {
  return value === null ? 'null' : JSON.stringify(value);
}
