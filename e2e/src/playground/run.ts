import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../browser.ts';
import type { StartedPlayground } from './start.ts';
import { startPlayground } from './start.ts';

/**
 * The playground as a person uses it: `pnpm start`, then the page in headless Chromium. An allowed
 * request, a blocked one (the page on 127.0.0.1, an origin the default policy does not list), a
 * policy edit that turns the blocked one into an allowed one, a repeat that the browser sends
 * with its cached preflight, and a refused edit. Every check reads what the page shows.
 */

/** Git-ignored (see .gitignore); the README's screenshot comes from here. */
const SCREENSHOTS = fileURLToPath(new URL('../../screenshots/', import.meta.url));

const failures: string[] = [];
let checks = 0;

function check(condition: boolean, what: string, got?: unknown): void {
  checks += 1;
  if (condition) return;
  failures.push(got === undefined ? what : `${what} (got ${JSON.stringify(got)})`);
  console.log(`  ✗ ${what}`);
}

/** What the result panel shows after a send. */
interface Shown {
  readonly state: string;
  readonly preflight: string;
  readonly verdict: string;
  readonly preflightBadge: string;
  readonly headline: string;
  readonly exchanges: string;
}

async function shown(page: Page): Promise<Shown> {
  // No named functions inside: tsx would wrap them in a helper the page does not have.
  return page.evaluate(() => ({
    state: document.getElementById('result')?.dataset['state'] ?? '',
    preflight: document.getElementById('result')?.dataset['preflight'] ?? '',
    verdict: document.getElementById('verdict')?.textContent ?? '',
    preflightBadge: document.getElementById('preflight-state')?.textContent ?? '',
    headline: document.getElementById('headline')?.textContent ?? '',
    exchanges: document.getElementById('exchanges')?.textContent ?? '',
  }));
}

async function openPage(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1360, height: 1100 } });
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]');
  return page;
}

/** Picks the server and preset, presses Send, and waits for the page to show the outcome. */
async function send(page: Page, adapter: string, preset: string): Promise<Shown> {
  await page.selectOption('#adapter', adapter);
  await page.selectOption('#preset', preset);
  const before = await page.getAttribute('#result', 'data-sends');
  await page.click('#send');
  await page.waitForFunction(
    (previous) => document.getElementById('result')?.dataset['sends'] !== previous,
    before ?? undefined,
  );
  return shown(page);
}

/** Writes the policy's origins, presses Apply, and returns the message the page shows. */
async function applyOrigins(page: Page, origins: string, maxAge?: string): Promise<string> {
  await page.fill('#policy-origins', origins);
  if (maxAge !== undefined) await page.fill('#policy-max-age', maxAge);
  const before = await page.getAttribute('#policy-message', 'data-updates');
  await page.click('#apply');
  await page.waitForFunction(
    (previous) => document.getElementById('policy-message')?.dataset['updates'] !== previous,
    before ?? undefined,
  );
  return (await page.textContent('#policy-message')) ?? '';
}

async function scenario(browser: Browser, playground: StartedPlayground): Promise<void> {
  const pageUrl = playground.url;
  const pageOrigin = pageUrl.replace(/\/$/, '');
  const otherOrigin = pageOrigin.replace('//localhost:', '//127.0.0.1:');
  const adapters = [
    'express',
    'koa',
    'fastify',
    'node-http',
    'hono',
    'nest-express',
    'nest-fastify',
  ];

  console.log('  allowed: a JSON POST with cookies from the page origin, on every server');
  const page = await openPage(browser, pageUrl);
  for (const adapter of adapters) {
    const got = await send(page, adapter, 'json-post-cookies');
    check(got.state === 'allowed', `${adapter}: the page shows the request allowed`, got.verdict);
    check(
      got.preflight === 'sent',
      `${adapter}: the page shows a preflight sent`,
      got.preflightBadge,
    );
    check(
      got.exchanges.includes(`Preflight: OPTIONS /${adapter}/r1/json-post-cookies → 204`),
      `${adapter}: the preflight record shows OPTIONS … → 204`,
      got.exchanges.slice(0, 200),
    );
    check(
      got.exchanges.includes('corsica_playground=session-'),
      `${adapter}: the actual request carried the playground's cookie`,
    );
    check(got.exchanges.includes('Corsica: preflight allowed'), `${adapter}: the decision shows`);
  }

  console.log('  blocked: a header the policy does not allow');
  const header = await send(page, 'koa', 'custom-header');
  check(header.state === 'blocked', 'GET with X-Debug is blocked', header.verdict);
  check(
    header.exchanges.includes('Corsica: preflight denied, header-not-allowed (x-debug)'),
    "Corsica's decision names the header",
    header.exchanges.slice(0, 400),
  );

  console.log('  blocked: the same page on 127.0.0.1, an origin the policy does not list');
  const other = await openPage(browser, `${otherOrigin}/`);
  const form = await send(other, 'fastify', 'form-post');
  check(form.state === 'blocked', 'a form POST from 127.0.0.1 is blocked', form.verdict);
  check(form.preflight === 'not-needed', 'a form POST needs no preflight', form.preflightBadge);
  check(
    form.exchanges.includes('This request reached the application’s handler.'),
    'the page shows that the server ran it anyway',
  );
  const blocked = await send(other, 'express', 'json-post');
  check(blocked.state === 'blocked', 'the page shows the request blocked', blocked.verdict);
  check(blocked.verdict.startsWith('Blocked'), 'the verdict reads Blocked', blocked.verdict);
  check(
    blocked.headline.includes('the preflight was answered 403'),
    'the headline says the preflight was refused',
    blocked.headline,
  );
  check(
    blocked.exchanges.includes('Corsica: preflight denied, origin-not-allowed'),
    "Corsica's decision names the reason",
    blocked.exchanges.slice(0, 400),
  );
  check(
    blocked.exchanges.includes('Actual request: never sent'),
    'the page says the actual request was never sent',
  );
  await mkdir(SCREENSHOTS, { recursive: true });
  await other.screenshot({ path: `${SCREENSHOTS}playground-blocked.png`, fullPage: true });

  console.log('  policy edit: allow 127.0.0.1 too; the blocked request is now allowed');
  const applied = await applyOrigins(other, `${pageOrigin}\n${otherOrigin}`);
  check(applied.includes('Applied: revision 2'), 'the page shows revision 2 applied', applied);
  const allowed = await send(other, 'express', 'json-post');
  check(allowed.state === 'allowed', 'after the edit, the request is allowed', allowed.verdict);
  check(
    allowed.preflight === 'sent',
    'the new revision needed a new preflight',
    allowed.preflightBadge,
  );
  check(
    allowed.exchanges.includes('Preflight: OPTIONS /express/r2/json-post → 204'),
    'the preflight went to the r2 URL',
    allowed.exchanges.slice(0, 200),
  );

  console.log('  repeat: the browser reuses its cached preflight');
  const repeated = await send(other, 'express', 'json-post');
  check(repeated.state === 'allowed', 'the repeat is allowed', repeated.verdict);
  check(
    repeated.preflight === 'cached',
    'the page shows the preflight cached',
    repeated.preflightBadge,
  );
  check(
    repeated.preflightBadge === 'preflight cached',
    'the badge reads "preflight cached"',
    repeated.preflightBadge,
  );
  check(
    repeated.exchanges.includes('Preflight: cached by the browser') &&
      !repeated.exchanges.includes('Preflight: OPTIONS'),
    'no OPTIONS reached the server',
    repeated.exchanges.slice(0, 200),
  );
  await other.screenshot({ path: `${SCREENSHOTS}playground.png`, fullPage: true });

  console.log('  refused edit: the old policy stays in force');
  const refused = await applyOrigins(other, `${pageOrigin}\n${otherOrigin}`, 'ten');
  check(
    refused.includes('Refused: revision 2 stays in force'),
    'the page shows the edit refused',
    refused,
  );
  check(refused.includes('maxAge'), 'the problem names maxAge', refused);
  const still = await send(other, 'express', 'json-post');
  check(
    still.preflight === 'cached',
    'revision 2 is still in force (same URL, cached preflight)',
    still.preflightBadge,
  );
}

async function main(): Promise<boolean> {
  const wanted = process.env['E2E_SCENARIOS'];
  if (
    wanted !== undefined &&
    wanted !== '' &&
    !wanted.split(',').some((word) => 'playground'.includes(word))
  ) {
    console.log('playground: skipped (E2E_SCENARIOS)');
    return true;
  }
  const started = performance.now();
  console.log('playground: pnpm start --port 0');
  const playground = await startPlayground();
  console.log(`playground: ${playground.url}`);
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    await scenario(browser, playground);
  } catch (error) {
    failures.push(`the scenario threw: ${error instanceof Error ? error.stack : String(error)}`);
  } finally {
    // Always: no Chromium and no server may outlive the run.
    await browser?.close();
    await playground.stop();
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (failures.length > 0) {
    console.log(`playground: ${failures.length} of ${checks} checks failed (${seconds} s)`);
    for (const failure of failures) console.log(`  ✗ ${failure}`);
    console.log(`--- pnpm start printed:\n${playground.output()}`);
    return false;
  }
  console.log(`playground: ${checks} checks passed (${seconds} s); screenshots in ${SCREENSHOTS}`);
  return true;
}

main().then(
  (passed) => {
    process.exitCode = passed ? 0 : 1;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
