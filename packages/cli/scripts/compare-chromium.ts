/**
 * Runs every case of test/fixtures.ts twice: through `check()`, and through Chromium itself (a
 * page on http://localhost:PORT calling fetch(), the `corsError` read from DevTools'
 * `Network.loadingFailed`), and compares the two. Needs Debian's Chromium at /usr/bin/chromium.
 *
 *   pnpm --filter @corsica/cors-cli compare:chromium
 *
 * Exit status 1 when a case disagrees in a way its `chromium` note does not explain.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import { check } from '../src/index.ts';
import { CASES, caseUrl, startCaseServers } from '../test/fixtures.ts';

const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

interface PageOutcome {
  readonly read: boolean;
  readonly corsError: string | null;
  readonly failedParameter: string | null;
}

/** What a case server received, in a comparable form. */
function describe(entry: {
  method: string;
  url: string;
  origin?: string | undefined;
  acrm?: string;
  acrh?: string;
}): string {
  const path = new URL(entry.url).pathname;
  const preflight = entry.acrm === undefined ? '' : ` ACRM=${entry.acrm} ACRH=${entry.acrh ?? '-'}`;
  return `${entry.method} ${new URL(entry.url).port === new URL(servers.main).port ? 'main' : 'other'}${path} Origin=${entry.origin ?? '-'}${preflight}`;
}

const page = createServer((_request, response) => {
  response.setHeader('Content-Type', 'text/html');
  response.end('<!doctype html><title>page</title>');
});
await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve));
// localhost: another origin than the case servers on 127.0.0.1, and loopback like them.
const pageOrigin = `http://localhost:${(page.address() as AddressInfo).port}`;
const servers = await startCaseServers(pageOrigin);
const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
});
let disagreements = 0;
try {
  console.log(`${browser.version()} — page ${pageOrigin}\n`);
  for (const item of CASES) {
    const url = caseUrl(servers, item);
    const chromiumStart = servers.log.length;
    const context = await browser.newContext();
    const tab = await context.newPage();
    const session = await context.newCDPSession(tab);
    const failures: { corsError: string | null; failedParameter: string | null }[] = [];
    // The page's own request: a failed preflight is reported separately (type Preflight), without
    // a corsError; the fetch's report, which has it, follows.
    session.on(
      'Network.loadingFailed',
      (event: {
        type?: string;
        corsErrorStatus?: { corsError: string; failedParameter: string };
      }) => {
        if (event.type === 'Preflight') return;
        failures.push({
          corsError: event.corsErrorStatus?.corsError ?? null,
          failedParameter: event.corsErrorStatus?.failedParameter ?? null,
        });
      },
    );
    await session.send('Network.enable');
    await tab.goto(`${pageOrigin}/`);
    const init = {
      method: item.request.method ?? (item.request.data === undefined ? 'GET' : 'POST'),
      headers: Object.fromEntries(item.request.headers ?? []),
      credentials: item.request.credentials === true ? 'include' : 'same-origin',
      body: item.request.data ?? null,
    };
    const read = await tab.evaluate(
      ({ target, options }) =>
        fetch(target, options as RequestInit).then(
          () => true,
          () => false,
        ),
      { target: url, options: init },
    );
    let outcome: PageOutcome = { read, corsError: null, failedParameter: null };
    if (!read) {
      const deadline = Date.now() + 2000;
      while (failures.length === 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const last = failures[failures.length - 1];
      outcome = {
        read,
        corsError: last?.corsError ?? null,
        failedParameter: last?.failedParameter ?? null,
      };
    }
    await context.close();
    const chromiumSaw = servers.log.slice(chromiumStart).map(describe);
    const corsicaStart = servers.log.length;

    const result = await check({
      url,
      origin: pageOrigin,
      ...(item.request.method === undefined ? {} : { method: item.request.method }),
      ...(item.request.headers === undefined ? {} : { headers: item.request.headers }),
      ...(item.request.credentials === undefined ? {} : { credentials: item.request.credentials }),
      ...(item.request.data === undefined ? {} : { data: item.request.data }),
      send: true,
    });
    const corsicaSaw = servers.log.slice(corsicaStart).map(describe);
    // A known difference changes what follows the preflight: only compare when there is none.
    const sameRequests =
      item.chromium !== undefined || JSON.stringify(chromiumSaw) === JSON.stringify(corsicaSaw);
    const expected = item.chromium === undefined ? result.failedCheck : item.chromium.corsError;
    const agrees =
      outcome.corsError === expected &&
      (outcome.corsError === null ||
        outcome.failedParameter === result.failedParameter ||
        item.chromium !== undefined);
    const chromiumSays = outcome.read
      ? 'read'
      : `${outcome.corsError ?? 'no corsError'} (${JSON.stringify(outcome.failedParameter)})`;
    const corsicaSays =
      result.failedCheck === null
        ? result.verdict
        : `${result.failedCheck} (${JSON.stringify(result.failedParameter)})`;
    const note = item.chromium === undefined ? '' : `  [known: ${item.chromium.why}]`;
    console.log(
      `${agrees && sameRequests ? '✓' : '✗'} ${item.id.padEnd(30)} chromium: ${chromiumSays.padEnd(52)} corsica: ${corsicaSays}${note}`,
    );
    if (!sameRequests) {
      console.log(
        `    the servers saw different requests:\n      chromium: ${chromiumSaw.join('\n                ')}\n      corsica:  ${corsicaSaw.join('\n                ')}`,
      );
    }
    if (!agrees || !sameRequests) disagreements++;
  }
} finally {
  await browser.close();
  await servers.close();
  page.close();
}
console.log(`\n${CASES.length - disagreements} of ${CASES.length} cases agree.`);
process.exitCode = disagreements === 0 ? 0 : 1;
