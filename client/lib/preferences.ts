import { z } from 'zod';
import { createLocalStore } from './local-store.ts';

const hours = z
  .number({ message: 'must be a number of hours' })
  .positive('must be more than 0 hours')
  .max(24 * 365, 'must be at most a year (8760 hours)');

/** When an awaiting call's row turns amber, then red (hours since it was placed). */
export const WaitThresholds = z
  .object({
    amberHours: hours,
    redHours: hours,
  })
  .refine((t) => t.redHours > t.amberHours, { path: ['redHours'], message: 'must be more than the amber threshold' });
export type WaitThresholds = z.infer<typeof WaitThresholds>;

export const defaultThresholds: WaitThresholds = { amberHours: 24, redHours: 72 };

export const thresholdsStore = createLocalStore('readout.thresholds', WaitThresholds, defaultThresholds);

export type WaitLevel = 'normal' | 'amber' | 'red';

export function waitLevel(elapsedMs: number, thresholds: WaitThresholds): WaitLevel {
  const hours = elapsedMs / 3_600_000;
  if (hours >= thresholds.redHours) return 'red';
  if (hours >= thresholds.amberHours) return 'amber';
  return 'normal';
}
