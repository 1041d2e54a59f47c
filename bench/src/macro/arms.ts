/** The servers each framework runs: one per CORS variant, plus a second no-CORS one for the A/A pass. */
import type { Framework } from './frameworks.ts';
import type { CorsVariant } from './servers/variant.ts';

/** `none-again` is a second, separate no-CORS process: its difference from `none` is noise. */
export type ArmId = 'none' | 'none-again' | 'peer' | 'corsica' | 'passthrough';

export interface Arm {
  readonly framework: Framework;
  readonly id: ArmId;
  readonly variant: CorsVariant;
}

export function armsOf(framework: Framework): Arm[] {
  const arms: Arm[] = [
    { framework, id: 'none', variant: 'none' },
    { framework, id: 'none-again', variant: 'none' },
  ];
  if (framework.peer !== undefined) arms.push({ framework, id: 'peer', variant: 'peer' });
  arms.push({ framework, id: 'corsica', variant: 'corsica' });
  // Hono's GET target (0.85x of no CORS) is measured against what a middleware that does nothing
  // already costs there: Hono's compose and its async layers.
  if (framework.id === 'hono') arms.push({ framework, id: 'passthrough', variant: 'passthrough' });
  return arms;
}

export function armLabel(arm: Arm): string {
  switch (arm.id) {
    case 'none':
      return 'no CORS';
    case 'none-again':
      return 'no CORS (A/A)';
    case 'peer':
      return arm.framework.peer ?? 'peer';
    case 'corsica':
      return 'Corsica';
    case 'passthrough':
      return 'empty middleware';
  }
}

/** `items` rotated left by `by`: each repetition visits the arms in a different order. */
export function rotate<T>(items: readonly T[], by: number): T[] {
  if (items.length === 0) return [];
  const shift = by % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}
