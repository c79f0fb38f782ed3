import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Long work done in one request (an import reading a million rows) hands the
 * event loop back every few milliseconds, so other requests, the health
 * check and the event streams are served in between. `tick()` is cheap to
 * call per item: it reads the clock only every `checkEvery` calls;
 * `check()` reads it at once (after a step that may itself be long, such as
 * a statement on SQLite, which runs synchronously).
 */
export class TickBudget {
  private started = performance.now();
  private calls = 0;

  constructor(
    private readonly budgetMs = 10,
    private readonly checkEvery = 16,
  ) {}

  async tick(): Promise<void> {
    if (++this.calls % this.checkEvery === 0) await this.check();
  }

  async check(): Promise<void> {
    if (performance.now() - this.started >= this.budgetMs) await this.yield();
  }

  /** Hands the loop back now. */
  async yield(): Promise<void> {
    await nextTurn();
    this.started = performance.now();
  }
}
