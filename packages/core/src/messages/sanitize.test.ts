import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sanitizeForLog } from '../index.ts';
import { runs } from '../test-support/runs.ts';

/** What must never reach a log line as itself: C0, DEL, C1, the separators and bidi controls. */
function hasUnsafe(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return true;
    if (code === 0x2028 || code === 0x2029) return true;
    if ((code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)) return true;
  }
  return false;
}

describe('sanitizeForLog', () => {
  it.each([
    ['https://a\r\nX-Injected: 1', 'https://a\\r\\nX-Injected: 1'],
    ['tab\there', 'tab\\there'],
    ['nel\u0085byte', 'nel\\u0085byte'],
    ['\u00ff\u00e9 stays', '\u00ff\u00e9 stays'],
    ['a\u2028b\u2029c', 'a\\u2028b\\u2029c'],
    ['\u202eevil\u202c', '\\u202eevil\\u202c'],
    ['\u2066isolate\u2069', '\\u2066isolate\\u2069'],
    ['back\\slash', 'back\\\\slash'],
    ['del\u007f', 'del\\u007f'],
    ['apc\u009f', 'apc\\u009f'],
    ['\u202aembed', '\\u202aembed'],
    ['\u202f\u2030\u20ac\u2065\u206a\u4e2d stay', '\u202f\u2030\u20ac\u2065\u206a\u4e2d stay'],
  ])('%j prints as %j', (input, output) => {
    expect(sanitizeForLog(input)).toBe(output);
  });

  it('shows a value of exactly 256 characters whole', () => {
    expect(sanitizeForLog('a'.repeat(256))).toBe('a'.repeat(256));
  });

  it('cuts at 256 characters and says how many were left out', () => {
    expect(sanitizeForLog('a'.repeat(300))).toBe(`${'a'.repeat(256)}…(+44)`);
  });

  it('never lets a control, separator or bidi character through, and never grows unbounded', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 600 }), (value) => {
        const safe = sanitizeForLog(value);
        expect(hasUnsafe(safe)).toBe(false);
        // Each kept character costs at most 6 (\uXXXX), plus the cut marker.
        expect(safe.length).toBeLessThanOrEqual(256 * 6 + 12);
      }),
      { seed: 7, numRuns: runs(2000) },
    );
  });

  it('is reversible enough to read: safe text is left as it is', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[ -[\]-~]{0,256}$/), (value) => {
        expect(sanitizeForLog(value)).toBe(value);
      }),
      { seed: 7, numRuns: runs(500) },
    );
  });
});
