import type { Browser, BrowserContext, CDPSession, Frame, Page } from 'playwright-core';
import { chromium } from 'playwright-core';

/** Debian's Chromium; nothing is downloaded. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Features Playwright turns off (playwright-core 1.65's `chromiumSwitches`, less the Edge-only
 * ones). Chromium keeps only the last `--disable-features` it is given, so adding to the list
 * means repeating it.
 */
const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
];

/**
 * Every scenario opens a new context, and every new context a window; each window started two
 * renderers besides the page's: the omnibox's WebUI popup, preloaded though never shown, and a
 * spare renderer that the next page, in another context, can never use. Turning them off halves
 * Chromium's CPU per scenario, which is most of the suite's running time. Nothing about CORS,
 * cookies or the network depends on them.
 */
const SUITE_DISABLED_FEATURES = [
  'WebUIOmniboxPopup',
  'WebUIOmniboxAimPopup',
  'SpareRendererForSitePerProcess',
];

/** Headless, and quiet: no GPU, no QUIC, no background traffic, no first-run or sync machinery. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, ...SUITE_DISABLED_FEATURES].join(',')}`,
];

/**
 * Launches Chromium. Playwright gives it a fresh temporary profile (`--user-data-dir` in the OS
 * temp dir, deleted on close), and every scenario gets its own context on top of it: its own
 * cookie jar, HTTP cache and preflight cache.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
}

/** A fetch() as the page runs it. */
export interface PageFetch {
  readonly url: string;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: 'text' | 'form' | 'multipart' | 'json' | undefined;
  readonly credentials: 'omit' | 'include';
  /** The request's cache mode; fetch()'s default when undefined. */
  readonly cache: 'no-store' | undefined;
  /** Response headers to read with `response.headers.get`. */
  readonly readHeaders: readonly string[];
}

/** Chromium's own account of a failed request, from `Network.loadingFailed`. */
export interface NetworkFailure {
  readonly errorText: string;
  readonly corsError: string | undefined;
  readonly failedParameter: string | undefined;
}

/** What the page got from its fetch(). */
export type FetchOutcome =
  | {
      readonly read: true;
      readonly status: number;
      readonly body: string;
      /** `readHeaders`, as `response.headers.get` returned them. */
      readonly headers: Readonly<Record<string, string | null>>;
      /** Every header name the page could see. */
      readonly visible: readonly string[];
    }
  | {
      readonly read: false;
      /** The rejection's name and message: `TypeError`, `Failed to fetch` for a CORS failure. */
      readonly name: string;
      readonly message: string;
      /** What Chromium reported for the request; undefined if it reported nothing in time. */
      readonly failure: NetworkFailure | undefined;
    };

/** How long a page waits for a response before giving up (a hung server, not a CORS failure). */
const FETCH_TIMEOUT_MS = 10_000;
/** How long to wait for Chromium's loadingFailed event once the page saw the rejection. */
const FAILURE_REPORT_WAIT_MS = 2_000;

/**
 * One scenario's page: a new browser context (so no cookie or cached preflight survives from
 * another scenario), a page on the caller's origin, and a DevTools session recording why Chromium
 * failed each request. For the `null` origin the fetch runs in a sandboxed iframe.
 */
export class CallerPage {
  readonly #context: BrowserContext;
  readonly #frame: Frame;
  readonly #failures: Map<string, NetworkFailure[]>;
  readonly #console: string[];

  private constructor(
    context: BrowserContext,
    frame: Frame,
    failures: Map<string, NetworkFailure[]>,
    console: string[],
  ) {
    this.#context = context;
    this.#frame = frame;
    this.#failures = failures;
    this.#console = console;
  }

  static async open(
    browser: Browser,
    options: {
      readonly pageUrl: string;
      readonly sandboxed: boolean;
      readonly cookies: Parameters<BrowserContext['addCookies']>[0];
    },
  ): Promise<CallerPage> {
    // No viewport emulation: nothing is rendered that needs one, and it costs every new page.
    const context = await browser.newContext({ viewport: null });
    try {
      if (options.cookies.length > 0) await context.addCookies(options.cookies);
      const page = await context.newPage();
      const failures = new Map<string, NetworkFailure[]>();
      await recordFailures(await context.newCDPSession(page), failures);
      const console: string[] = [];
      page.on('console', (message) => console.push(message.text()));
      await page.goto(options.pageUrl);
      const frame = options.sandboxed ? await sandboxedFrame(page) : page.mainFrame();
      if (options.sandboxed) {
        // Chromium isolates sandboxed iframes in a process of their own: their requests show up
        // only in a DevTools session attached to the frame. (Were the frame in the page's process,
        // the page's session would see them, and Playwright refuses a session for the frame.)
        const frameSession = await context.newCDPSession(frame).catch(() => undefined);
        if (frameSession !== undefined) await recordFailures(frameSession, failures);
      }
      return new CallerPage(context, frame, failures, console);
    } catch (error) {
      await context.close();
      throw error;
    }
  }

  /** Runs the fetch in the page; a rejection comes with Chromium's reason for it. */
  async fetch(request: PageFetch): Promise<FetchOutcome> {
    const before = this.#failures.get(request.url)?.length ?? 0;
    const outcome = await this.#frame.evaluate(fetchInPage, {
      ...request,
      readHeaders: [...request.readHeaders],
      timeoutMs: FETCH_TIMEOUT_MS,
    });
    if (outcome.read) return outcome;
    const failure = await this.#failureAfter(request.url, before);
    return { read: false, name: outcome.name, message: outcome.message, failure };
  }

  /** The console messages that name `url`: Chromium's CORS errors, in its own words. */
  consoleAbout(url: string): string[] {
    return this.#console.filter((text) => text.includes(`'${url}'`));
  }

  close(): Promise<void> {
    return this.#context.close();
  }

  /** The event may trail the rejection the page saw: both leave the network service separately. */
  async #failureAfter(url: string, seen: number): Promise<NetworkFailure | undefined> {
    const deadline = Date.now() + FAILURE_REPORT_WAIT_MS;
    for (;;) {
      const failure = this.#failures.get(url)?.[seen];
      if (failure !== undefined || Date.now() > deadline) return failure;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

interface CdpRequestWillBeSent {
  readonly requestId: string;
  readonly request: { readonly url: string };
}
interface CdpLoadingFailed {
  readonly requestId: string;
  readonly errorText: string;
  readonly corsErrorStatus?: { readonly corsError: string; readonly failedParameter: string };
}

/** Files every failed request's CORS error under its URL. */
async function recordFailures(
  session: CDPSession,
  failures: Map<string, NetworkFailure[]>,
): Promise<void> {
  // A redirect keeps its request id and announces each new URL: a failure is filed under every
  // URL of the chain, so the page's own URL finds it.
  const urls = new Map<string, string[]>();
  session.on('Network.requestWillBeSent', (event: CdpRequestWillBeSent) => {
    urls.set(event.requestId, [...(urls.get(event.requestId) ?? []), event.request.url]);
  });
  session.on('Network.loadingFailed', (event: CdpLoadingFailed) => {
    const chain = urls.get(event.requestId);
    if (chain === undefined) return;
    for (const url of new Set(chain)) {
      const list = failures.get(url) ?? [];
      list.push({
        errorText: event.errorText,
        corsError: event.corsErrorStatus?.corsError,
        failedParameter: event.corsErrorStatus?.failedParameter,
      });
      failures.set(url, list);
    }
  });
  await session.send('Network.enable');
}

/** Adds `<iframe sandbox="allow-scripts" srcdoc=…>` to the page: its documents' origin is `null`. */
async function sandboxedFrame(page: Page): Promise<Frame> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const iframe = document.createElement('iframe');
        iframe.setAttribute('sandbox', 'allow-scripts');
        iframe.srcdoc = '<!doctype html><title>sandboxed</title>';
        iframe.addEventListener('load', () => resolve());
        document.body.append(iframe);
      }),
  );
  const frame = page.frames().find((candidate) => candidate !== page.mainFrame());
  if (frame === undefined) throw new Error('the sandboxed iframe did not load');
  return frame;
}

type InPageFetch = Omit<PageFetch, 'readHeaders'> & {
  readonly readHeaders: string[];
  readonly timeoutMs: number;
};

type InPageOutcome =
  | {
      read: true;
      status: number;
      body: string;
      headers: Record<string, string | null>;
      visible: string[];
    }
  | { read: false; name: string; message: string };

/**
 * Runs in the page, serialized by Playwright: no imports, and no named inner functions (tsx's
 * esbuild wraps those in a `__name` helper that does not exist in the page).
 */
async function fetchInPage(spec: InPageFetch): Promise<InPageOutcome> {
  const headers = new Headers(spec.headers);
  const init: RequestInit = {
    method: spec.method,
    credentials: spec.credentials,
    signal: AbortSignal.timeout(spec.timeoutMs),
  };
  // Only when asked: Chromium skips its preflight cache for no-store (see the README).
  if (spec.cache !== undefined) init.cache = spec.cache;
  if (spec.body === 'text') init.body = 'a plain text body';
  if (spec.body === 'form') init.body = new URLSearchParams({ field: 'value' });
  if (spec.body === 'multipart') {
    const form = new FormData();
    form.append('field', 'value');
    init.body = form;
  }
  if (spec.body === 'json') {
    headers.set('content-type', 'application/json');
    init.body = JSON.stringify({ field: 'value' });
  }
  init.headers = headers;
  try {
    const response = await fetch(spec.url, init);
    const body = await response.text();
    const read: Record<string, string | null> = {};
    for (const name of spec.readHeaders) read[name] = response.headers.get(name);
    const visible: string[] = [];
    response.headers.forEach((_value, name) => {
      visible.push(name);
    });
    return { read: true, status: response.status, body, headers: read, visible };
  } catch (error) {
    const { name, message } = error as Error;
    return { read: false, name, message };
  }
}
