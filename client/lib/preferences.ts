import { z } from 'zod/mini';
import { createLocalStore } from './local-store.ts';

const hours = z
  .number({ message: 'must be a number of hours' })
  .check(z.positive('must be more than 0 hours'), z.maximum(24 * 365, 'must be at most a year (8760 hours)'));

/**
 * When an awaiting call's row turns amber, then red: per clock, hours since
 * it was placed and hours of the callee's working time. The row takes the
 * more urgent of the two. (Thresholds saved before working time existed get
 * the working defaults.)
 */
export const WaitThresholds = z
  .object({
    amberHours: hours,
    redHours: hours,
    workingAmberHours: z._default(hours, 9),
    workingRedHours: z._default(hours, 27),
  })
  .check(
    z.refine((t) => t.redHours > t.amberHours, { path: ['redHours'], message: 'must be more than the amber threshold' }),
    z.refine((t) => t.workingRedHours > t.workingAmberHours, { path: ['workingRedHours'], message: 'must be more than the amber threshold' }),
  );
export type WaitThresholds = z.infer<typeof WaitThresholds>;

/** 24 h and 72 h on the wall clock; one and three working days (9 and 27 working hours). */
export const defaultThresholds: WaitThresholds = { amberHours: 24, redHours: 72, workingAmberHours: 9, workingRedHours: 27 };

export const thresholdsStore = createLocalStore('readout.thresholds', WaitThresholds, defaultThresholds);

export type WaitLevel = 'normal' | 'amber' | 'red';

export function waitLevel(elapsedMs: number, thresholds: WaitThresholds): WaitLevel {
  const hours = elapsedMs / 3_600_000;
  if (hours >= thresholds.redHours) return 'red';
  if (hours >= thresholds.amberHours) return 'amber';
  return 'normal';
}

export function workingWaitLevel(workingMs: number, thresholds: WaitThresholds): WaitLevel {
  const hours = workingMs / 3_600_000;
  if (hours >= thresholds.workingRedHours) return 'red';
  if (hours >= thresholds.workingAmberHours) return 'amber';
  return 'normal';
}

/** How the board lays out its rows: ungrouped (longest wait first) by default, or under each outreach round. */
export const BoardLayout = z.object({ groupByRound: z.boolean() });
export type BoardLayout = z.infer<typeof BoardLayout>;

export const boardLayoutStore = createLocalStore('readout.board-layout', BoardLayout, { groupByRound: false });
