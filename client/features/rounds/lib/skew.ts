import type { RoundCall } from '#shared/schemas/rounds.ts';

/**
 * How far the server's clock runs ahead of this browser's (ms), from the
 * `waitingMs` its awaiting calls carried when the answer arrived; 0 within
 * network noise. The round's timers add it, as the board's do.
 */
export function roundSkew(calls: readonly RoundCall[], receivedAt: number): number {
  const samples = calls.flatMap((call) => (call.waitingMs === null ? [] : [call.waitingMs - (receivedAt - Date.parse(call.placedAt))])).sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)];
  return median === undefined || Math.abs(median) < 2_000 ? 0 : median;
}
