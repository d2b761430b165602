/** Options for {@link Backoff}. */
export type BackoffOptions = Readonly<{
  initialMs: number;
  maxMs: number;
  /** Fraction of each delay drawn at random (0 = none, 0.2 = up to 20% shorter). */
  jitter?: number;
  random?: () => number;
}>;

/** Exponential backoff: each failure doubles the delay up to a ceiling; a success resets it. */
export class Backoff {
  readonly #options: BackoffOptions;
  #failures = 0;

  constructor(options: BackoffOptions) {
    this.#options = options;
  }

  /** Consecutive failures since the last reset. */
  get failures(): number {
    return this.#failures;
  }

  /** Records a failure and returns the delay before the next attempt. */
  next(): number {
    const { initialMs, maxMs, jitter = 0, random = Math.random } = this.#options;
    const delay = Math.min(maxMs, initialMs * 2 ** Math.min(this.#failures, 30));
    this.#failures += 1;
    return Math.round(delay * (1 - jitter * random()));
  }

  reset(): void {
    this.#failures = 0;
  }
}
