/** The servers each framework runs: one per CORS variant, plus a second no-CORS one for the A/A pass. */
import type { Framework } from './frameworks.ts';
import type { CorsVariant } from './servers/variant.ts';

/** `none-again` is a second, separate no-CORS process: its difference from `none` is noise. */
export type ArmId = 'none' | 'none-again' | 'peer' | 'corsica';

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
  }
}

/** `items` rotated left by `by`: each repetition visits the arms in a different order. */
export function rotate<T>(items: readonly T[], by: number): T[] {
  if (items.length === 0) return [];
  const shift = by % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}
