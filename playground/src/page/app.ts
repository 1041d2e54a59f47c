import type { FetchResult, Summary } from './outcome.ts';
import { summarize } from './outcome.ts';
import type { PolicyFields } from './policy-form.ts';
import { codeOf, fieldsOf, optionsOf } from './policy-form.ts';
import type { Preset } from './presets.ts';
import { CUSTOM_PRESET, PRESETS, presetOf } from './presets.ts';
import type { BodyKind, CredentialsMode, RequestSpec } from './rules.ts';
import { forecastPreflight, formatHeaderLines, parseHeaderLines } from './rules.ts';
import type {
  AdapterInfo,
  Exchange,
  ExchangeList,
  HeaderLine,
  PlaygroundConfig,
  PolicyState,
  PolicyUpdate,
} from './types.ts';
import { TOKEN_HEADER } from './types.ts';

/** The page: wires the form to real fetch() calls and shows what the servers recorded. */

const FETCH_TIMEOUT_MS = 10_000;

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`#${id} is missing from the page`);
  return element as T;
}

const ui = {
  pageOrigin: byId('page-origin'),
  originStatus: byId('origin-status'),
  otherOrigin: byId<HTMLAnchorElement>('other-origin-link'),
  adapter: byId<HTMLSelectElement>('adapter'),
  preset: byId<HTMLSelectElement>('preset'),
  presetDescription: byId('preset-description'),
  method: byId<HTMLInputElement>('method'),
  body: byId<HTMLSelectElement>('body'),
  credentials: byId<HTMLSelectElement>('credentials'),
  headers: byId<HTMLTextAreaElement>('headers'),
  target: byId('target-url'),
  forecast: byId('forecast'),
  send: byId<HTMLButtonElement>('send'),
  revision: byId('revision'),
  origins: byId<HTMLTextAreaElement>('policy-origins'),
  policyCredentials: byId<HTMLInputElement>('policy-credentials'),
  methods: byId<HTMLInputElement>('policy-methods'),
  allowedHeaders: byId<HTMLInputElement>('policy-allowed-headers'),
  exposedHeaders: byId<HTMLInputElement>('policy-exposed-headers'),
  maxAge: byId<HTMLInputElement>('policy-max-age'),
  apply: byId<HTMLButtonElement>('apply'),
  policyMessage: byId('policy-message'),
  policyCode: byId('policy-code'),
  result: byId('result'),
  verdict: byId('verdict'),
  preflightState: byId('preflight-state'),
  headline: byId('headline'),
  notes: byId('notes'),
  pageGotBlock: byId('page-got-block'),
  pageGot: byId('page-got'),
  exchanges: byId('exchanges'),
};

const token =
  document.querySelector<HTMLMetaElement>('meta[name="playground-token"]')?.content ?? '';

let config: PlaygroundConfig;
let policy: PolicyState;
/** The last exchange seen: a send reads only what came after it. */
let latestSeq = 0;

/** Same-origin calls to the playground process, with the per-run token. */
async function playground<T>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set(TOKEN_HEADER, token);
  const response = await fetch(path, { ...init, headers });
  if (!response.ok && response.status !== 422) {
    throw new Error(`${path}: ${response.status} ${(await response.text()).trim()}`);
  }
  return (await response.json()) as T;
}

function el(
  tag: string,
  properties: { className?: string; text?: string } = {},
  ...children: Node[]
): HTMLElement {
  const element = document.createElement(tag);
  if (properties.className !== undefined) element.className = properties.className;
  if (properties.text !== undefined) element.textContent = properties.text;
  element.append(...children);
  return element;
}

function currentAdapter(): AdapterInfo {
  const adapter = config.adapters.find(({ id }) => id === ui.adapter.value) ?? config.adapters[0];
  if (adapter === undefined) throw new Error('no API server');
  return adapter;
}

function readSpec(): RequestSpec {
  const method = ui.method.value.trim() || 'GET';
  const upper = method.toUpperCase();
  return {
    method,
    headers: parseHeaderLines(ui.headers.value).headers,
    // fetch() refuses a body on GET and HEAD.
    body: upper === 'GET' || upper === 'HEAD' ? 'none' : (ui.body.value as BodyKind),
    credentials: ui.credentials.value as CredentialsMode,
  };
}

/** The API URL: the policy revision in the path, so an edit forces a fresh preflight. */
function targetFor(spec: RequestSpec): { url: string; target: string } {
  const adapter = currentAdapter();
  const preset = presetOf(spec)?.id ?? CUSTOM_PRESET;
  // The run id keeps a browser from reusing preflights cached during an earlier run.
  const target = `/${adapter.id}/r${policy.revision}/${preset}?run=${config.runId}`;
  return { url: `${adapter.url}${target}`, target };
}

function updateRequestView(): void {
  const spec = readSpec();
  const preset = presetOf(spec);
  ui.preset.value = preset?.id ?? CUSTOM_PRESET;
  ui.presetDescription.textContent =
    preset?.description ?? 'A request of your own: the URL ends in /custom.';
  ui.body.disabled = spec.body === 'none' && /^(GET|HEAD)$/i.test(spec.method);
  ui.target.textContent = targetFor(spec).url;
  const forecast = forecastPreflight(spec);
  const problems = parseHeaderLines(ui.headers.value).problems;
  ui.forecast.replaceChildren(
    el('strong', {
      text: forecast.needed
        ? `Preflighted: the browser sends OPTIONS first, asking for ${forecast.method}${forecast.headers === undefined ? '' : ` with ${forecast.headers}`}.`
        : 'Simple request: no preflight.',
    }),
    ...forecast.reasons.map((reason) => el('div', { text: `· ${reason}` })),
    ...problems.map((problem) => el('div', { className: 'error', text: problem })),
  );
  ui.forecast.dataset['needed'] = String(forecast.needed);
}

function applyPreset(preset: Preset): void {
  ui.method.value = preset.request.method;
  ui.body.value = preset.request.body;
  ui.credentials.value = preset.request.credentials;
  ui.headers.value = formatHeaderLines(preset.request.headers);
  updateRequestView();
}

function renderPolicy(state: PolicyState): void {
  policy = state;
  const fields = fieldsOf(state.options);
  ui.origins.value = fields.origins;
  ui.policyCredentials.checked = fields.credentials;
  ui.methods.value = fields.methods;
  ui.allowedHeaders.value = fields.allowedHeaders;
  ui.exposedHeaders.value = fields.exposedHeaders;
  ui.maxAge.value = fields.maxAge;
  ui.revision.textContent = `revision ${state.revision}`;
  ui.policyCode.textContent = codeOf(state.options);
  const origins = state.options['origins'];
  const listed =
    origins === '*' || (Array.isArray(origins) && origins.includes(window.location.origin));
  ui.originStatus.textContent = listed
    ? 'listed in the policy’s origins'
    : 'not listed in the policy’s origins';
  updateRequestView();
}

function readFields(): PolicyFields {
  return {
    origins: ui.origins.value,
    credentials: ui.policyCredentials.checked,
    methods: ui.methods.value,
    allowedHeaders: ui.allowedHeaders.value,
    exposedHeaders: ui.exposedHeaders.value,
    maxAge: ui.maxAge.value,
  };
}

async function applyPolicy(): Promise<void> {
  ui.apply.disabled = true;
  try {
    const update = await playground<PolicyUpdate>('/control/policy', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ options: optionsOf(readFields()) }),
    });
    ui.policyMessage.hidden = false;
    if (update.applied) {
      renderPolicy(update.policy);
      ui.policyMessage.className = 'policy-message applied';
      ui.policyMessage.replaceChildren(
        el('strong', { text: `Applied: revision ${update.policy.revision} on every server.` }),
        el('div', {
          text: `Requests now go to …/r${update.policy.revision}/…, a URL no preflight is cached for.`,
        }),
      );
      return;
    }
    ui.policyMessage.className = 'policy-message refused';
    ui.policyMessage.replaceChildren(
      el('strong', {
        text: `Refused: revision ${update.policy.revision} stays in force (CorsConfigError).`,
      }),
      el(
        'ul',
        {},
        ...update.problems.map((problem) =>
          el(
            'li',
            {},
            el('code', { text: `${problem.code} · ${problem.option}` }),
            text(` ${problem.message}`),
          ),
        ),
      ),
      el('pre', { className: 'code', text: update.explanation }),
    );
  } catch (error) {
    ui.policyMessage.hidden = false;
    ui.policyMessage.className = 'policy-message refused';
    ui.policyMessage.textContent = String(error);
  } finally {
    ui.apply.disabled = false;
    ui.policyMessage.dataset['updates'] = String(
      Number(ui.policyMessage.dataset['updates'] ?? '0') + 1,
    );
  }
}

function text(value: string): Text {
  return document.createTextNode(value);
}

/** The real request, as any page would send it. */
async function runFetch(url: string, spec: RequestSpec): Promise<FetchResult> {
  try {
    const headers = new Headers();
    for (const [name, value] of spec.headers) headers.append(name, value);
    const init: RequestInit = {
      method: spec.method,
      credentials: spec.credentials,
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    };
    // The cache mode stays the default: `no-store` would also skip Chromium's preflight cache.
    if (spec.body === 'text') init.body = 'hello from the playground';
    if (spec.body === 'form') init.body = new URLSearchParams({ greeting: 'hello' });
    if (spec.body === 'multipart') {
      const form = new FormData();
      form.append('greeting', 'hello');
      init.body = form;
    }
    if (spec.body === 'json') {
      if (!headers.has('content-type')) headers.set('content-type', 'application/json');
      init.body = JSON.stringify({ greeting: 'hello' });
    }
    init.headers = headers;
    const response = await fetch(url, init);
    const body = await response.text();
    const visible: HeaderLine[] = [];
    response.headers.forEach((value, name) => {
      visible.push([name, value]);
    });
    return { read: true, status: response.status, body, headers: visible };
  } catch (error) {
    const { name, message } = error as Error;
    return { read: false, error: `${name}: ${message}` };
  }
}

async function send(): Promise<void> {
  ui.send.disabled = true;
  ui.result.dataset['state'] = 'sending';
  ui.verdict.textContent = 'Sending…';
  try {
    // Another tab may have changed the policy: URLs must carry the revision in force.
    const fresh = await fetchConfig();
    if (fresh.policy.revision !== policy.revision) renderPolicy(fresh.policy);
    const before = await playground<ExchangeList>(`/api/exchanges?since=${latestSeq}`);
    latestSeq = before.latest;
    const spec = readSpec();
    const { url, target } = targetFor(spec);
    const adapter = currentAdapter();
    const result = await runFetch(url, spec);
    const after = await playground<ExchangeList>(
      `/api/exchanges?since=${latestSeq}&adapter=${adapter.id}`,
    );
    const summary = summarize(
      { origin: window.location.origin, spec, forecast: forecastPreflight(spec), target },
      result,
      after.exchanges,
    );
    renderSummary(summary, result, adapter);
  } catch (error) {
    ui.result.dataset['state'] = 'error';
    ui.verdict.textContent = 'Playground error';
    ui.headline.textContent = String(error);
  } finally {
    ui.send.disabled = false;
    // A counter for whoever waits for a send to finish (the browser test).
    ui.result.dataset['sends'] = String(Number(ui.result.dataset['sends'] ?? '0') + 1);
  }
}

const VERDICTS: Readonly<Record<Summary['state'], string>> = {
  allowed: 'Allowed',
  blocked: 'Blocked',
  unreached: 'Not reached',
};
const PREFLIGHT_STATES: Readonly<Record<Summary['preflight'], string>> = {
  sent: 'preflight sent',
  cached: 'preflight cached',
  'not-needed': 'no preflight needed',
};

function renderSummary(summary: Summary, result: FetchResult, adapter: AdapterInfo): void {
  ui.result.dataset['state'] = summary.state;
  ui.result.dataset['preflight'] = summary.preflight;
  ui.verdict.textContent = `${VERDICTS[summary.state]} · ${adapter.name}`;
  ui.preflightState.hidden = false;
  ui.preflightState.textContent = PREFLIGHT_STATES[summary.preflight];
  ui.headline.textContent = summary.headline;
  ui.notes.replaceChildren(...summary.notes.map((note) => el('li', { text: note })));
  ui.pageGotBlock.hidden = false;
  ui.pageGot.textContent = result.read
    ? `${result.status}\n${result.headers.map(([name, value]) => `${name}: ${value}`).join('\n')}\n\n${result.body}`
    : `fetch() rejected: ${result.error}\n(the browser gives a page no reason; the records below are the server's side)`;
  const cards: HTMLElement[] = [];
  if (summary.preflightExchange !== undefined) {
    cards.push(exchangeCard('Preflight', summary.preflightExchange));
  } else if (summary.preflight === 'cached') {
    cards.push(
      el(
        'article',
        { className: 'exchange cached' },
        el('h3', { text: 'Preflight: cached by the browser' }),
        el('p', {
          text: 'No OPTIONS reached the server for this send: the browser reused the preflight answer it cached for this URL until Access-Control-Max-Age runs out.',
        }),
      ),
    );
  }
  if (summary.actualExchange !== undefined) {
    cards.push(exchangeCard('Actual request', summary.actualExchange));
  } else if (summary.state !== 'unreached') {
    cards.push(
      el(
        'article',
        { className: 'exchange skipped' },
        el('h3', { text: 'Actual request: never sent' }),
        el('p', { text: 'The preflight failed, so the browser stopped there.' }),
      ),
    );
  }
  ui.exchanges.replaceChildren(...cards);
}

/** Headers worth a glance in a CORS exchange. */
function isCorsHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return (
    lower === 'origin' ||
    lower === 'vary' ||
    lower === 'cookie' ||
    lower === 'content-type' ||
    lower.startsWith('access-control-')
  );
}

function headerTable(title: string, headers: readonly HeaderLine[]): HTMLElement {
  const rows = headers.map(([name, value]) =>
    el(
      'tr',
      { className: isCorsHeader(name) ? 'cors' : '' },
      el('th', { text: name }),
      el('td', { text: value }),
    ),
  );
  return el(
    'div',
    { className: 'side' },
    el('h4', { text: title }),
    el('table', {}, el('tbody', {}, ...rows)),
  );
}

function exchangeCard(title: string, exchange: Exchange): HTMLElement {
  const decision = exchange.decision;
  const decisionBlock =
    decision === null
      ? el('p', { className: 'decision', text: 'No decision recorded for this request.' })
      : el(
          'div',
          { className: `decision ${decision.allowed ? 'allowed' : 'denied'}` },
          el('h4', {
            text: decision.allowed
              ? `Corsica: ${decision.kind} allowed (policy revision ${decision.revision})`
              : `Corsica: ${decision.kind} denied, ${decision.reason}${decision.value === null ? '' : ` (${decision.value})`} (policy revision ${decision.revision})`,
          }),
          el('pre', { className: 'explanation', text: decision.explanation }),
          el(
            'details',
            {},
            el('summary', { text: 'cors.toLogRecord(decision, request)' }),
            el('pre', { className: 'code', text: JSON.stringify(decision.logRecord, null, 2) }),
          ),
        );
  return el(
    'article',
    { className: `exchange ${exchange.preflight ? 'preflight' : 'actual'}` },
    el('h3', {
      text: `${title}: ${exchange.method} ${exchange.url.split('?')[0]} → ${exchange.status ?? 'no answer'}`,
    }),
    el('p', {
      className: 'hint',
      text: exchange.reachedHandler
        ? 'This request reached the application’s handler.'
        : 'Answered by the CORS layer: the application’s handler never ran.',
    }),
    el(
      'div',
      { className: 'sides' },
      headerTable('Request headers, as the server received them', exchange.requestHeaders),
      headerTable(
        `Response ${exchange.status ?? ''}, as the server wrote it`,
        exchange.responseHeaders,
      ),
    ),
    decisionBlock,
  );
}

async function fetchConfig(): Promise<PlaygroundConfig> {
  const response = await fetch('/config.json');
  if (!response.ok) throw new Error(`/config.json: ${response.status}`);
  return (await response.json()) as PlaygroundConfig;
}

async function start(): Promise<void> {
  config = await fetchConfig();
  const query = new URLSearchParams(window.location.search);
  ui.pageOrigin.textContent = window.location.origin;
  const other =
    window.location.origin === config.pageOrigin ? config.otherPageOrigin : config.pageOrigin;
  ui.adapter.replaceChildren(
    ...config.adapters.map((adapter) => {
      const option = el('option', {
        text: `${adapter.name}  (${adapter.url})`,
      }) as HTMLOptionElement;
      option.value = adapter.id;
      return option;
    }),
  );
  ui.preset.replaceChildren(
    ...[...PRESETS, { id: CUSTOM_PRESET, title: 'Custom' }].map((preset) => {
      const option = el('option', { text: preset.title }) as HTMLOptionElement;
      option.value = preset.id;
      return option;
    }),
  );
  ui.adapter.value = query.get('adapter') ?? config.adapters[0]?.id ?? '';
  renderPolicy(config.policy);
  const preset = PRESETS.find(({ id }) => id === query.get('preset')) ?? PRESETS[0];
  if (preset !== undefined) applyPreset(preset);
  const updateOtherLink = (): void => {
    ui.otherOrigin.href = `${other}/?adapter=${ui.adapter.value}&preset=${ui.preset.value}`;
    ui.otherOrigin.textContent = `Open it on ${other}`;
  };
  updateOtherLink();

  ui.preset.addEventListener('change', () => {
    const chosen = PRESETS.find(({ id }) => id === ui.preset.value);
    if (chosen !== undefined) applyPreset(chosen);
    updateOtherLink();
  });
  for (const input of [ui.adapter, ui.method, ui.body, ui.credentials, ui.headers]) {
    input.addEventListener('input', () => {
      updateRequestView();
      updateOtherLink();
    });
  }
  ui.send.addEventListener('click', () => void send());
  ui.apply.addEventListener('click', () => void applyPolicy());
  ui.send.disabled = false;
  ui.apply.disabled = false;
  document.body.dataset['ready'] = 'true';
}

start().catch((error: unknown) => {
  ui.headline.textContent = `The playground could not start: ${String(error)}`;
});
