import type { ScaleRow } from '../scale/index.ts';
import { duration, table, times } from './format.ts';
import { FLATNESS, flatnessRatios } from './targets.ts';

function groupTable(rows: readonly ScaleRow[]): string {
  return table(
    ['', 'decide', 'express adapter, end to end'],
    rows.map((row) => [row.label, duration(row.decide), duration(row.endToEnd)]),
  );
}

export function scaleSection(rows: readonly ScaleRow[]): string {
  const parts = [
    '## Scale: cost as the policy grows',
    "Time per request of the core's `decide`, and of the express adapter end to end on minimal mock request and response objects (no Node header validation), as the policy grows. Every request has fresh strings. Rows marked *one origin* send the same listed origin each time (the index's own cost); rows *in turn* cycle through up to 1,024 listed origins, as traffic from many tenants would, which also measures cache misses.",
  ];
  const groups = [...new Set(rows.map((row) => row.group))];
  for (const group of groups) {
    parts.push(`### ${group}`);
    parts.push(groupTable(rows.filter((row) => row.group === group)));
  }
  const ratios = flatnessRatios(rows);
  if (ratios.length > 0) {
    parts.push(`### 10,000 origins ÷ 1 origin, same requests (target: within ±${FLATNESS * 100}%)`);
    parts.push(
      table(
        ['', 'decide', 'express adapter, end to end'],
        ratios.map((r) => [
          r.kind,
          times(r.decide),
          r.endToEnd === undefined ? 'n/a' : times(r.endToEnd),
        ]),
      ),
    );
  }
  return parts.join('\n\n');
}
