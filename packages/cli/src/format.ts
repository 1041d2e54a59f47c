/**
 * The human-readable report of a `CheckResult`.
 */
import { styleText } from 'node:util';
import type { CorsErrorName } from './cors-checks.ts';
import type { ExplainedDecision, ExplainResult } from './explain.ts';
import type { CheckResult, HeaderLine, Hop, PreflightRecord } from './result.ts';

type Style = Parameters<typeof styleText>[0];

/** Applies a style when colour is on; identity otherwise. */
export type Paint = (style: Style, text: string) => string;

export function painter(color: boolean): Paint {
  // Colour was decided by the caller (TTY, NO_COLOR, FORCE_COLOR, --no-color): do not let
  // styleText second-guess it from process.stdout.
  return color
    ? (style, text) => styleText(style, text, { validateStream: false })
    : (_, text) => text;
}

/** Where the standard defines each check. */
const SPEC: Record<CorsErrorName, string> = {
  MissingAllowOriginHeader: 'https://fetch.spec.whatwg.org/#cors-check',
  MultipleAllowOriginValues: 'https://fetch.spec.whatwg.org/#cors-check',
  InvalidAllowOriginValue: 'https://fetch.spec.whatwg.org/#cors-check',
  AllowOriginMismatch: 'https://fetch.spec.whatwg.org/#cors-check',
  WildcardOriginNotAllowed: 'https://fetch.spec.whatwg.org/#cors-protocol-and-credentials',
  InvalidAllowCredentials: 'https://fetch.spec.whatwg.org/#cors-check',
  PreflightInvalidStatus: 'https://fetch.spec.whatwg.org/#cors-preflight-fetch',
  PreflightDisallowedRedirect: 'https://fetch.spec.whatwg.org/#cors-preflight-fetch',
  PreflightMissingAllowOriginHeader: 'https://fetch.spec.whatwg.org/#cors-preflight-fetch',
  PreflightMultipleAllowOriginValues: 'https://fetch.spec.whatwg.org/#cors-preflight-fetch',
  PreflightInvalidAllowOriginValue: 'https://fetch.spec.whatwg.org/#cors-preflight-fetch',
  PreflightAllowOriginMismatch: 'https://fetch.spec.whatwg.org/#cors-preflight-fetch',
  PreflightWildcardOriginNotAllowed: 'https://fetch.spec.whatwg.org/#cors-protocol-and-credentials',
  PreflightInvalidAllowCredentials: 'https://fetch.spec.whatwg.org/#cors-preflight-fetch',
  InvalidAllowMethodsPreflightResponse: 'https://fetch.spec.whatwg.org/#cors-preflight-fetch',
  InvalidAllowHeadersPreflightResponse: 'https://fetch.spec.whatwg.org/#cors-preflight-fetch',
  MethodDisallowedByPreflightResponse: 'https://fetch.spec.whatwg.org/#cors-preflight-fetch',
  HeaderDisallowedByPreflightResponse: 'https://fetch.spec.whatwg.org/#cors-preflight-fetch',
  RedirectContainsCredentials: 'https://fetch.spec.whatwg.org/#http-redirect-fetch',
};

export function specAnchor(code: CorsErrorName): string {
  return SPEC[code];
}

/** Request headers worth showing: everything but our own User-Agent and Sec-Fetch-Mode. */
function shownRequestHeaders(headers: readonly HeaderLine[]): HeaderLine[] {
  return headers.filter(([name]) => !/^(user-agent|sec-fetch-mode)$/i.test(name));
}

/** Response headers that CORS reads, and where a redirect goes. */
function shownResponseHeaders(headers: readonly HeaderLine[]): HeaderLine[] {
  return headers.filter(([name]) => /^(access-control-|location$|vary$)/i.test(name));
}

function headerLines(paint: Paint, arrow: string, headers: readonly HeaderLine[]): string[] {
  return headers.map(([name, value]) => `      ${paint('dim', arrow)} ${name}: ${value}`);
}

function mark(paint: Paint, passed: boolean | null): string {
  if (passed === null) return '';
  return passed ? paint('green', ' ✓') : paint('red', ' ✗');
}

function preflightLines(paint: Paint, preflight: PreflightRecord): string[] {
  const lines = [
    `    ${paint('bold', 'preflight')} OPTIONS ${preflight.request.url}`,
    ...headerLines(paint, '→', shownRequestHeaders(preflight.request.headers)),
  ];
  if (preflight.response !== null) {
    const { status, statusText } = preflight.response;
    lines.push(
      `      ${paint('dim', '←')} ${status} ${statusText}${mark(paint, preflight.passed)}`,
    );
    const shown = shownResponseHeaders(preflight.response.headers);
    lines.push(
      ...(shown.length === 0
        ? [`      ${paint('dim', '←')} ${paint('dim', '(no Access-Control-* headers)')}`]
        : headerLines(paint, '←', shown)),
    );
  }
  return lines;
}

function hopLines(paint: Paint, hop: Hop, total: number): string[] {
  const title = total > 1 ? `${hop.index}. ` : '';
  const lines = [`  ${paint('bold', `${title}${hop.method} ${hop.url}`)}`];
  const notes: string[] = [];
  if (hop.mode === 'same-origin') notes.push('same-origin: CORS does not apply');
  if (hop.tainted) notes.push('origin tainted by a cross-origin redirect: Origin is null');
  if (notes.length > 0) lines.push(`    ${paint('dim', `(${notes.join('; ')})`)}`);
  if (hop.preflight !== null) lines.push(...preflightLines(paint, hop.preflight));
  if (!hop.sent) {
    if (hop.preflight === null || hop.preflight.passed) {
      lines.push(`    ${paint('yellow', 'request not sent')}`);
    }
    return lines;
  }
  lines.push(`    ${paint('bold', 'request')} ${hop.method} ${hop.url}`);
  lines.push(...headerLines(paint, '→', shownRequestHeaders(hop.request.headers)));
  if (hop.response !== null) {
    const { status, statusText } = hop.response;
    const next = hop.location === null ? '' : ` → ${hop.location}`;
    lines.push(
      `      ${paint('dim', '←')} ${status} ${statusText}${next}${mark(paint, hop.passed)}`,
    );
    const shown = shownResponseHeaders(hop.response.headers);
    lines.push(
      ...(shown.length === 0 && hop.mode === 'cors'
        ? [`      ${paint('dim', '←')} ${paint('dim', '(no Access-Control-* headers)')}`]
        : headerLines(paint, '←', shown)),
    );
  }
  return lines;
}

/** The report: the request, each hop (with its preflight), then the verdict and what to do. */
export function formatResult(result: CheckResult, paint: Paint): string {
  const { request, preflight, actual } = result;
  const lines: string[] = [];
  const credentials = request.credentials === 'include' ? ", credentials: 'include'" : '';
  lines.push(
    `${paint('bold', `fetch(${JSON.stringify(request.url)}, { method: '${request.method}'${credentials} })`)} from ${request.origin}`,
  );
  if (preflight.needed) {
    lines.push('  preflight needed:');
    for (const reason of preflight.reasons) lines.push(`    - ${reason}`);
  } else if (result.hops[0]?.mode === 'cors') {
    lines.push('  no preflight needed: a CORS-safelisted method and headers');
  }
  lines.push('');
  for (const hop of result.hops) lines.push(...hopLines(paint, hop, result.hops.length));
  lines.push('');

  switch (result.verdict) {
    case 'allow':
      lines.push(
        paint(['green', 'bold'], '✓ ALLOWED: the browser would let the page read the response') +
          (actual.status === null ? '' : ` (status ${actual.status})`),
      );
      break;
    case 'unverified':
      lines.push(
        paint(
          ['yellow', 'bold'],
          `✓ NOT BLOCKED SO FAR: ${actual.wouldSend ?? 'the request was not sent'}`,
        ),
      );
      break;
    case 'error':
      lines.push(
        paint(['red', 'bold'], `✗ ERROR: ${result.detail ?? 'the check could not finish'}`),
      );
      break;
    case 'block': {
      lines.push(paint(['red', 'bold'], '✗ BLOCKED: the browser would block this request'));
      const label = (name: string): string => paint('bold', name.padEnd(14));
      if (result.failedCheck !== null) {
        const parameter = result.failedParameter ? ` (${result.failedParameter})` : '';
        lines.push(`  ${label('failed check')}${result.failedCheck}${parameter}`);
        lines.push(`  ${label('spec')}${specAnchor(result.failedCheck)}`);
      } else if (result.netError !== null) {
        lines.push(`  ${label('network error')}net::${result.netError}`);
      }
      lines.push(`  ${label('common error')}${result.commonError ?? 'other'}`);
      if (result.detail !== null) lines.push(`  ${label('why')}${result.detail}`);
      if (result.fix !== null) lines.push(`  ${label('fix')}${paint('cyan', result.fix)}`);
      break;
    }
  }
  lines.push('');
  lines.push(paint('dim', `Not emulated: ${result.notEmulated.join(', ')}.`));
  return `${lines.join('\n')}\n`;
}

function decisionLines(paint: Paint, decision: ExplainedDecision): string[] {
  const verdict = decision.allowed
    ? paint('green', 'allowed')
    : paint('red', `denied (${decision.reason ?? ''})`);
  const answer =
    decision.status === null
      ? `${verdict}: the application answers${decision.headers.length > 0 ? ', Corsica adds' : ''}`
      : `${decision.status}, ${verdict}`;
  return [
    `    ${paint('dim', '←')} ${answer}`,
    ...(decision.headers.length === 0
      ? [`    ${paint('dim', '←')} ${paint('dim', '(no Access-Control-* headers)')}`]
      : decision.headers.map(([name, value]) => `    ${paint('dim', '←')} ${name}: ${value}`)),
    `    ${decision.explanation}`,
  ];
}

/** The report of `corsica explain`: the request, what the policy decides for each step, the verdict. */
export function formatExplainResult(result: ExplainResult, paint: Paint): string {
  const { request, preflight, actual } = result;
  const lines: string[] = [];
  const credentials = request.credentials === 'include' ? ", credentials: 'include'" : '';
  const target = request.path === null ? '…' : JSON.stringify(request.path);
  lines.push(
    `${paint('bold', `fetch(${target}, { method: '${request.method}'${credentials} })`)} from ${request.origin}`,
  );
  lines.push(`  policy: ${result.config}`);
  if (result.configError !== null) {
    lines.push('');
    lines.push(paint(['red', 'bold'], '✗ INVALID CONFIG: createCors() refuses this policy'));
    for (const line of result.configError.explanation.split('\n')) {
      lines.push(line === '' ? '' : `  ${line}`);
    }
    return `${lines.join('\n')}\n`;
  }
  if (preflight.needed) {
    lines.push('  preflight needed:');
    for (const reason of preflight.reasons) lines.push(`    - ${reason}`);
  } else {
    lines.push('  no preflight needed: a CORS-safelisted method and headers');
  }
  const path = request.path === null ? '' : ` ${request.path}`;
  if (preflight.decision !== null) {
    lines.push('', `  ${paint('bold', 'preflight')} OPTIONS${path}`);
    lines.push(`    ${paint('dim', '→')} Origin: ${request.origin}`);
    lines.push(
      `    ${paint('dim', '→')} Access-Control-Request-Method: ${preflight.requestMethod}`,
    );
    if (preflight.requestHeaders !== null) {
      lines.push(
        `    ${paint('dim', '→')} Access-Control-Request-Headers: ${preflight.requestHeaders}`,
      );
    }
    lines.push(...decisionLines(paint, preflight.decision));
  }
  if (actual !== null) {
    lines.push('', `  ${paint('bold', 'request')} ${request.method}${path}`);
    lines.push(`    ${paint('dim', '→')} Origin: ${request.origin}`);
    lines.push(...decisionLines(paint, actual));
  }
  lines.push('');
  if (result.verdict === 'allow') {
    lines.push(
      paint(['green', 'bold'], '✓ ALLOWED: the browser would let the page read the response'),
    );
  } else {
    lines.push(paint(['red', 'bold'], '✗ BLOCKED: the browser would block this request'));
    const label = (name: string): string => paint('bold', name.padEnd(14));
    if (result.failedCheck !== null) {
      const parameter = result.failedParameter ? ` (${result.failedParameter})` : '';
      lines.push(`  ${label('failed check')}${result.failedCheck}${parameter}`);
      lines.push(`  ${label('spec')}${specAnchor(result.failedCheck)}`);
    }
    lines.push(`  ${label('common error')}${result.commonError ?? 'other'}`);
    const denied = [preflight.decision, actual].find((decision) => decision?.allowed === false);
    if (denied !== undefined && denied !== null) {
      lines.push(
        `  ${label('denied for')}${denied.reason ?? ''}: the explanation above says what to change`,
      );
    }
    if (result.note !== null) lines.push(`  ${label('fix')}${paint('cyan', result.note)}`);
  }
  return `${lines.join('\n')}\n`;
}
