/** Undo steps registered as a test creates things, run last-first in afterAll even when the test failed. */
export class Cleanup {
  readonly #steps: (() => unknown)[] = [];

  /** Registers a step; the returned function drops it (when the test already undid it). */
  add(step: () => unknown): () => void {
    this.#steps.push(step);
    return () => {
      const i = this.#steps.indexOf(step);
      if (i >= 0) this.#steps.splice(i, 1);
    };
  }

  async run(): Promise<void> {
    for (const step of this.#steps.splice(0).reverse()) {
      try {
        await step();
      } catch {
        // keep undoing the rest
      }
    }
  }
}
