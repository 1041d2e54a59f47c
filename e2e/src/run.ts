import type { Browser } from 'playwright-core';
import { launchChromium } from './browser.ts';
import { checkChromiumFacts } from './chromium-baseline.ts';
import { runCliMatrix } from './cli-matrix/index.ts';
import type { PageOrigins } from './page-origins.ts';
import { startPageServers } from './page-origins.ts';
import type { PolicyName } from './policies.ts';
import { policiesFor } from './policies.ts';
import { inPool } from './pool.ts';
import type { Report } from './report.ts';
import { failedAny, printFailures, printSummary, summaryLine } from './report.ts';
import { runScenario } from './run-scenario.ts';
import type { Scenario } from './scenario.ts';
import { scenarios as allScenarios } from './scenarios/index.ts';
import { adapterServers } from './servers/index.ts';
import { RequestLog } from './servers/request-log.ts';
import type { AdapterServer, RunningServer } from './servers/test-app.ts';

/** Scenarios in flight at once, each in its own browser context. */
const CONCURRENCY = Number(process.env['E2E_CONCURRENCY'] ?? 4);

/** Comma-separated filters, to work on one adapter or scenario: `E2E_ADAPTERS=koa`. */
function filter<T>(items: readonly T[], variable: string, name: (item: T) => string): readonly T[] {
  const wanted = process.env[variable]?.split(',').filter((word) => word !== '');
  if (wanted === undefined || wanted.length === 0) return items;
  return items.filter((item) => wanted.some((word) => name(item).includes(word)));
}

async function main(): Promise<boolean> {
  const started = performance.now();
  assertUniqueIds(allScenarios);
  const adapters = filter(adapterServers, 'E2E_ADAPTERS', (adapter) => adapter.name);
  const scenarios = filter(allScenarios, 'E2E_SCENARIOS', (scenario) => scenario.id);

  const pages = await startPageServers();
  let browser: Browser | undefined;
  const reports: Report[] = [];
  const finish = (report: Report): void => {
    printFailures(report);
    console.log(summaryLine(report));
    reports.push(report);
  };
  try {
    browser = await launchChromium();
    console.log(
      `Chromium ${browser.version()}, ${scenarios.length} scenarios × ${adapters.length} adapters`,
    );
    finish({
      name: 'chromium baseline',
      entries: await checkChromiumFacts(browser, pages.origins),
    });
    for (const adapter of adapters) {
      finish(await runAdapter(adapter, scenarios, browser, pages.origins));
    }
    // `corsica check` and Chromium on the same requests (issue 11), in a browser of its own.
    for (const report of await runCliMatrix(pages.origins)) finish(report);
  } finally {
    // Also when something above threw: no Chromium or server may outlive the run.
    await browser?.close();
    await pages.close();
  }
  printSummary(reports, performance.now() - started);
  return !failedAny(reports);
}

/** Starts the adapter once per policy the scenarios use, runs them, and stops every server. */
async function runAdapter(
  adapter: AdapterServer,
  scenarios: readonly Scenario[],
  browser: Browser,
  origins: PageOrigins,
): Promise<Report> {
  const policies = policiesFor(origins);
  const servers = new Map<PolicyName, { server: RunningServer; log: RequestLog }>();
  const closeAll = () => Promise.all([...servers.values()].map(({ server }) => server.close()));
  try {
    for (const name of new Set(scenarios.map((scenario) => scenario.policy))) {
      const log = new RequestLog(policies[name]);
      // The development log is tested per adapter; here it would only bury the report.
      const policy = { ...policies[name], log: false as const };
      servers.set(name, { server: await adapter.start(policy, log), log });
    }
  } catch (error) {
    await closeAll();
    const problem = `did not start: ${error instanceof Error ? error.stack : String(error)}`;
    return {
      name: adapter.name,
      entries: scenarios.map(({ id, title }) => ({ id, title, context: '', problems: [problem] })),
    };
  }
  try {
    const entries = await inPool(scenarios, CONCURRENCY, (scenario) => {
      const target = servers.get(scenario.policy);
      if (target === undefined) throw new Error(`no server for policy ${scenario.policy}`);
      return runScenario(scenario, { browser, origins, ...target });
    });
    return { name: adapter.name, entries };
  } finally {
    await closeAll();
  }
}

/** Ids end every URL a scenario calls and select its server log entries: they must be unique. */
function assertUniqueIds(scenarios: readonly Scenario[]): void {
  const seen = new Set<string>();
  for (const { id } of scenarios) {
    if (seen.has(id)) throw new Error(`two scenarios have the id ${id}`);
    if (!/^[a-z0-9-]+$/.test(id)) throw new Error(`scenario id ${id} is not a plain path segment`);
    seen.add(id);
  }
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
