import type { MeasuredFramework, MicroResults } from '../micro/index.ts';
import type { ResponseSnapshot } from '../micro/subject.ts';
import type { Scenario } from '../policy.ts';
import { SCENARIOS } from '../policy.ts';
import { code, duration, micros, table, timesMarked } from './format.ts';
import { FLOOR_LIMIT } from './targets.ts';

const fasterThanPeer = (value: number): boolean => value < 1;
const nearFloor = (value: number): boolean => value <= FLOOR_LIMIT;

function ratioTable(
  micro: MicroResults,
  against: 'peer' | 'floor',
  meets: (value: number) => boolean,
): string {
  const rows = micro.frameworks.map(({ info, times: measured }) => [
    `${info.framework} (${against === 'peer' ? info.peer : 'floor'})`,
    ...SCENARIOS.map((scenario) => {
      const t = measured[scenario];
      return timesMarked(t.corsica / t[against], meets);
    }),
  ]);
  return table(['Corsica ÷', ...SCENARIOS], rows);
}

function decideTable(micro: MicroResults): string {
  const decide = micro.decide;
  if (decide === undefined) return 'Not measured: the job failed (see the run log).';
  return table(
    ['scenario', 'decide'],
    SCENARIOS.map((scenario) => [scenario, duration(decide[scenario])]),
  );
}

function frameworkTable({ info, times: measured }: MeasuredFramework): string {
  return table(
    [
      'scenario',
      `${info.peer} (µs)`,
      'Corsica (µs)',
      'floor (µs)',
      `Corsica ÷ ${info.peer}`,
      'Corsica ÷ floor',
    ],
    SCENARIOS.map((scenario) => {
      const { peer, corsica, floor } = measured[scenario];
      return [
        scenario,
        micros(peer),
        micros(corsica),
        micros(floor),
        timesMarked(corsica / peer, fasterThanPeer),
        timesMarked(corsica / floor, nearFloor),
      ];
    }),
  );
}

function headerMap(snapshot: ResponseSnapshot): Map<string, string> {
  return new Map(snapshot.headers.map(([name, value]) => [name, value]));
}

/** Where the peer's response differs from Corsica's, header by header. */
function differences(framework: MeasuredFramework): string {
  const rows: string[][] = [];
  for (const scenario of SCENARIOS) {
    const { peer, corsica } = framework.outputs[scenario as Scenario];
    if (peer.status !== corsica.status) {
      rows.push([
        scenario,
        'status',
        String(peer.status ?? 'goes on'),
        String(corsica.status ?? 'goes on'),
      ]);
    }
    const theirs = headerMap(peer);
    const ours = headerMap(corsica);
    for (const name of [...new Set([...theirs.keys(), ...ours.keys()])].sort()) {
      const a = theirs.get(name);
      const b = ours.get(name);
      if (a === b) continue;
      rows.push([
        scenario,
        code(name),
        a === undefined ? '—' : code(a),
        b === undefined ? '—' : code(b),
      ]);
    }
  }
  if (rows.length === 0) return 'Both write the same headers in every scenario.';
  return table(['scenario', 'header', framework.info.peer, 'Corsica'], rows);
}

function frameworkSection(framework: MeasuredFramework): string {
  const { info, downstream } = framework;
  const parts = [
    `### ${info.framework}: ${info.peer} vs ${info.corsica}`,
    `Objects: ${info.objects}`,
  ];
  if (downstream !== undefined) {
    parts.push(
      `The handler alone costs ${duration(downstream)} per request; that is subtracted from the GET rows.`,
    );
  }
  parts.push(frameworkTable(framework));
  parts.push(`Peer configuration:\n\n${info.notes.map((note) => `- ${note}`).join('\n')}`);
  parts.push(`What the peer writes differently (the floor writes exactly what Corsica writes):`);
  parts.push(differences(framework));
  return parts.join('\n\n');
}

export function microSection(micro: MicroResults): string {
  const parts = [
    '## Micro: the CORS work per request',
    'Time per request of the CORS layer alone, called directly on fresh framework objects (objects built outside the clock; see README.md for the method). Ratios below 1 mean Corsica is faster.',
    '### Corsica ÷ peer (target: below 1)',
    ratioTable(micro, 'peer', fasterThanPeer),
    `### Corsica ÷ floor (target: at most ${FLOOR_LIMIT})`,
    'The floor is hand-written code for this one policy that writes exactly what Corsica writes, with values computed in advance: the least that output can cost in each framework.',
    ratioTable(micro, 'floor', nearFloor),
    "### The core's decide alone",
    decideTable(micro),
  ];
  for (const framework of micro.frameworks) parts.push(frameworkSection(framework));
  for (const { framework, reason } of micro.skipped)
    parts.push(`### ${framework}\n\nNot measured: ${reason}`);
  return parts.join('\n\n');
}
