import type { Browser } from 'playwright-core';
import type { PageFetch } from './browser.ts';
import { CallerPage } from './browser.ts';
import type { PageOrigins } from './page-origins.ts';
import type { ReportEntry } from './report.ts';
import type { Scenario, Step } from './scenario.ts';
import { PRESET_COOKIE } from './scenario.ts';
import type { RequestLog } from './servers/request-log.ts';
import type { RunningServer } from './servers/test-app.ts';
import { describeObserved, verifyStep } from './verify.ts';

/** Where a scenario runs: the browser, the page origins, and the server for its policy. */
export interface ScenarioTarget {
  readonly browser: Browser;
  readonly origins: PageOrigins;
  readonly server: RunningServer;
  readonly log: RequestLog;
}

/** A scenario that takes longer is stuck (a hung server or page), not slow. */
const SCENARIO_TIMEOUT_MS = 30_000;

/** Runs `scenario` in a new browser context; never throws: a crash is a failed entry. */
export async function runScenario(
  scenario: Scenario,
  target: ScenarioTarget,
): Promise<ReportEntry> {
  const entry = (problems: readonly string[]): ReportEntry => ({
    id: scenario.id,
    title: scenario.title,
    context: `policy ${scenario.policy}, from ${scenario.from}`,
    problems,
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string[]>((resolve) => {
    timer = setTimeout(
      () => resolve([`did not finish within ${SCENARIO_TIMEOUT_MS / 1000} s`]),
      SCENARIO_TIMEOUT_MS,
    );
  });
  try {
    return entry(await Promise.race([runSteps(scenario, target), timeout]));
  } catch (error) {
    return entry([`crashed: ${error instanceof Error ? error.stack : String(error)}`]);
  } finally {
    clearTimeout(timer);
  }
}

async function runSteps(scenario: Scenario, target: ScenarioTarget): Promise<string[]> {
  const { browser, origins, server, log } = target;
  const page = await CallerPage.open(browser, {
    pageUrl: `${scenario.from === 'sandboxed' ? origins.app : origins[scenario.from]}/`,
    sandboxed: scenario.from === 'sandboxed',
    cookies: scenario.presetCookie
      ? [{ ...PRESET_COOKIE, url: server.url, sameSite: 'Lax' as const }]
      : [],
  });
  const problems: string[] = [];
  try {
    for (const [index, step] of scenario.steps.entries()) {
      const mark = log.mark();
      const outcome = await page.fetch(
        pageFetch(step, `${server.url}${step.request.path}/${scenario.id}`),
      );
      const observed = {
        outcome,
        arrivals: log.arrivalsSince(mark, scenario.id),
        handled: log.handledSince(mark, scenario.id),
      };
      const found = verifyStep(step, observed);
      if (found.length === 0) continue;
      const { method = 'GET', path } = step.request;
      problems.push(
        `step ${index + 1}, ${method} ${path}/${scenario.id}:`,
        ...found.map((problem) => `  ✗ ${problem}`),
        ...describeObserved(observed).map((line) => `    ${line}`),
      );
    }
  } finally {
    await page.close();
  }
  return problems;
}

function pageFetch({ request, page }: Step, url: string): PageFetch {
  return {
    url,
    method: request.method ?? 'GET',
    headers: request.headers ?? {},
    body: request.body,
    credentials: request.credentials ?? 'omit',
    cache: request.cache,
    readHeaders: page.readable ? Object.keys(page.headers ?? {}) : [],
  };
}
