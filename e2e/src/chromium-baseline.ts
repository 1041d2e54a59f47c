import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { Browser } from 'playwright-core';
import type { FetchOutcome, PageFetch } from './browser.ts';
import { CallerPage } from './browser.ts';
import type { PageOrigins } from './page-origins.ts';
import type { ReportEntry } from './report.ts';
import { serveOnLoopback } from './servers/test-app.ts';

/**
 * What the README's Chromium notes say about Chromium itself, checked against a server that writes
 * its CORS headers by hand (no Corsica), so that a Chromium update that changes one of them fails
 * here rather than leaving a stale note.
 */
interface ChromiumFact {
  readonly id: string;
  readonly title: string;
  /**
   * How the control server answers the preflight. The actual request is always granted: its
   * origin, and credentials when the fact's request carries them.
   */
  readonly preflight: (request: IncomingMessage, response: ServerResponse) => void;
  readonly request: Pick<PageFetch, 'method' | 'headers' | 'credentials'>;
  /** What does not hold of the outcome; empty when the fact still holds. */
  check(outcome: FetchOutcome): string[];
}

const grantOrigin = (request: IncomingMessage, response: ServerResponse): void => {
  response.setHeader('access-control-allow-origin', request.headers.origin ?? '');
};

const facts: readonly ChromiumFact[] = [
  {
    id: 'authorization-under-wildcard',
    title:
      'Chromium lets Authorization through under Access-Control-Allow-Headers: * (the Fetch standard excludes it)',
    preflight: (request, response) => {
      grantOrigin(request, response);
      response.setHeader('access-control-allow-headers', '*');
      response.statusCode = 204;
    },
    request: { method: 'GET', headers: { Authorization: 'Bearer e2e' }, credentials: 'omit' },
    check: (outcome) =>
      outcome.read
        ? []
        : [
            `Chromium now refuses it (${outcome.failure?.corsError ?? outcome.message}): update the README's note`,
          ],
  },
  {
    id: 'wildcard-literal-with-credentials',
    title:
      'with credentials, Access-Control-Allow-Headers: * is a literal name, as the standard says',
    preflight: (request, response) => {
      grantOrigin(request, response);
      response.setHeader('access-control-allow-credentials', 'true');
      response.setHeader('access-control-allow-headers', '*');
      response.statusCode = 204;
    },
    request: { method: 'GET', headers: { 'X-Debug': 'on' }, credentials: 'include' },
    check: (outcome) => refusedWith(outcome, 'HeaderDisallowedByPreflightResponse', 'x-debug'),
  },
  {
    id: 'origin-checked-before-status',
    // Corsica's denied preflights (403, no Access-Control-Allow-Origin) all read
    // PreflightMissingAllowOriginHeader in the scenarios: the origin is checked before the status.
    title:
      'a preflight answered 403 with a valid Access-Control-Allow-Origin is reported as PreflightInvalidStatus',
    preflight: (request, response) => {
      grantOrigin(request, response);
      response.setHeader('access-control-allow-methods', 'PUT');
      response.statusCode = 403;
    },
    request: { method: 'PUT', headers: {}, credentials: 'omit' },
    check: (outcome) => refusedWith(outcome, 'PreflightInvalidStatus', ''),
  },
];

function refusedWith(outcome: FetchOutcome, corsError: string, failedParameter: string): string[] {
  if (outcome.read) {
    return [`the page read ${outcome.status}; expected Chromium to refuse it with ${corsError}`];
  }
  const failure = outcome.failure;
  if (failure?.corsError === corsError && failure.failedParameter === failedParameter) return [];
  return [
    `expected corsError ${corsError} (${JSON.stringify(failedParameter)}), Chromium reported ${failure?.corsError ?? 'none'} (${JSON.stringify(failure?.failedParameter ?? null)})`,
  ];
}

/** Runs every fact against a hand-written control server, from the `app` origin. */
export async function checkChromiumFacts(
  browser: Browser,
  origins: PageOrigins,
): Promise<ReportEntry[]> {
  const byId = new Map(facts.map((fact) => [fact.id, fact]));
  const control = await serveOnLoopback(
    createServer((request, response) => {
      const fact = byId.get((request.url ?? '').split('/')[1] ?? '');
      if (request.method === 'OPTIONS' && fact !== undefined) fact.preflight(request, response);
      else {
        grantOrigin(request, response);
        if (fact?.request.credentials === 'include') {
          response.setHeader('access-control-allow-credentials', 'true');
        }
      }
      response.end();
    }),
  );
  try {
    const entries: ReportEntry[] = [];
    for (const fact of facts) {
      const page = await CallerPage.open(browser, {
        pageUrl: `${origins.app}/`,
        sandboxed: false,
        cookies: [],
      });
      try {
        const outcome = await page.fetch({
          ...fact.request,
          url: `${control.url}/${fact.id}`,
          body: undefined,
          cache: undefined,
          readHeaders: [],
        });
        entries.push({
          id: fact.id,
          title: fact.title,
          context: 'control server',
          problems: fact.check(outcome),
        });
      } finally {
        await page.close();
      }
    }
    return entries;
  } finally {
    await control.close();
  }
}
