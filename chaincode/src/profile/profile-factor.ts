import type { JsonObject } from '../ledger/store';

/**
 * One scored factor of a credit profile. `normalized` maps `value` onto 0–1 (1 is best);
 * `value` is null when the window holds no data for it, and the factor then takes no part in the score.
 */
export interface ProfileFactor {
  readonly name: string;
  readonly value: number | null;
  readonly normalized: number | null;
  /** Relative weight; the score divides by the sum of the weights of factors with a value. */
  readonly weight: number;
  /** Points of the 0–1000 score this factor contributes. */
  contribution: number;
  /** What the figure was computed from: record counts and the key range (or keys) behind it. */
  readonly basis: JsonObject;
}

/** Clamps to [0, 1]. */
export function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}

/** Rounds to `digits` decimals (for reporting; scoring uses unrounded values). */
export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** A factor with its value, its normalisation and its weight; the contribution is filled in by `score`. */
export function factor(
  name: string,
  value: number | null,
  normalize: (v: number) => number,
  weight: number,
  basis: JsonObject,
): ProfileFactor {
  return { name, value, normalized: value === null ? null : clamp01(normalize(value)), weight, contribution: 0, basis };
}

/**
 * The 0–1000 score: `1000 × Σ(weight × normalized) / Σ weight` over factors with a value, and each
 * factor's contribution (its term of that sum). 0 when no factor has a value.
 */
export function score(factors: readonly ProfileFactor[]): { score: number; factors: ProfileFactor[] } {
  const totalWeight = factors.reduce((sum, f) => sum + (f.normalized === null ? 0 : f.weight), 0);
  let points = 0;
  const scored = factors.map((f) => {
    const exact = f.normalized === null || totalWeight === 0 ? 0 : (1000 * f.weight * f.normalized) / totalWeight;
    points += exact;
    return {
      ...f,
      value: f.value === null ? null : round(f.value, 6),
      normalized: f.normalized === null ? null : round(f.normalized, 6),
      contribution: round(exact, 2),
    };
  });
  return { score: Math.round(points), factors: scored };
}
