import type { ImportPhase, ImportProgress } from '#shared/schemas/transfer.ts';

/** How long a finished import's progress stays readable, for a client whose last poll comes late. */
const KEEP_DONE_MS = 60_000;
/** Imports followed at once, per process: a bound on the map, not on imports. */
const MAX_TRACKED = 1000;

const tracked = new Map<string, ImportProgress & { finishedAt?: number }>();

const keyOf = (userId: string, progressId: string) => `${userId}\u0000${progressId}`;

function prune(now: number): void {
  for (const [key, entry] of tracked) if (entry.finishedAt !== undefined && now - entry.finishedAt > KEEP_DONE_MS) tracked.delete(key);
}

/**
 * How far one import has got, for the dashboard's progress bar, under a name
 * the client chose. Kept in this process's memory: with several instances
 * behind one address a poll may reach another one, which then knows nothing
 * of it (404), and the bar just waits for the answer.
 */
export class ProgressTracker {
  private readonly entry: ImportProgress & { finishedAt?: number };

  constructor(
    private readonly key: string | undefined,
    bytesTotal: number | null,
  ) {
    this.entry = { phase: 'receiving', bytesDone: 0, bytesTotal, rows: 0 };
    if (key === undefined) return;
    prune(Date.now());
    if (tracked.size >= MAX_TRACKED) tracked.delete(tracked.keys().next().value!);
    tracked.set(key, this.entry);
  }

  static for(userId: string, progressId: string | undefined, bytesTotal: number | null): ProgressTracker {
    return new ProgressTracker(progressId === undefined ? undefined : keyOf(userId, progressId), bytesTotal);
  }

  phase(phase: ImportPhase, bytesTotal = this.entry.bytesTotal): void {
    Object.assign(this.entry, { phase, bytesTotal, bytesDone: phase === 'done' ? (bytesTotal ?? this.entry.bytesDone) : 0, rows: 0 });
    if (phase === 'done') this.entry.finishedAt = Date.now();
  }

  bytes(done: number): void {
    this.entry.bytesDone = done;
  }

  row(): void {
    this.entry.rows += 1;
  }

  /** The import ended (stored, refused or failed): the entry lingers a minute for a last poll. */
  finish(): void {
    if (this.entry.phase !== 'done') this.phase('done');
    if (this.key !== undefined && tracked.get(this.key) === this.entry) this.entry.finishedAt = Date.now();
  }
}

export function progressOf(userId: string, progressId: string): ImportProgress | undefined {
  const entry = tracked.get(keyOf(userId, progressId));
  if (!entry) return undefined;
  const { finishedAt: _finishedAt, ...progress } = entry;
  return progress;
}
