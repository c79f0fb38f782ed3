import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Long work done in one request (an import reading a million rows) hands the
 * event loop back every few milliseconds, so other requests, the health
 * check and the event streams are served in between. `tick()` is cheap to
 * call per item: it reads the clock only every `checkEvery` calls.
 */
export class TickBudget {
  private started = performance.now();
  private calls = 0;

  constructor(
    private readonly budgetMs = 10,
    private readonly checkEvery = 64,
  ) {}

  async tick(): Promise<void> {
    if (++this.calls % this.checkEvery !== 0) return;
    if (performance.now() - this.started < this.budgetMs) return;
    await this.yield();
  }

  /** Hands the loop back now (before a step known to be long). */
  async yield(): Promise<void> {
    await nextTurn();
    this.started = performance.now();
  }
}
