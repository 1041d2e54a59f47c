import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const MARKER = '<!-- adapter-template: examples/adapter-template/src/index.ts -->';

/** The code block right after the marker in CONTRIBUTING.md, as the reader sees it. */
function includedTemplate(contributing: string): string | undefined {
  const at = contributing.indexOf(MARKER);
  if (at === -1) return undefined;
  const block = /^```ts\n([\s\S]*?)^```$/m.exec(contributing.slice(at + MARKER.length));
  return block?.[1];
}

describe('CONTRIBUTING.md', () => {
  it('includes the adapter template byte for byte', () => {
    const contributing = readFileSync(new URL('../../../CONTRIBUTING.md', import.meta.url), 'utf8');
    const template = readFileSync(new URL('../src/index.ts', import.meta.url), 'utf8');
    expect(includedTemplate(contributing)).toBe(template);
  });
});
