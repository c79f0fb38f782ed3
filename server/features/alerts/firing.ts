import type { AlertRule } from '#shared/schemas/alerts.ts';
import type { Call } from '#shared/schemas/calls.ts';

/**
 * One firing of a rule for a call, as every channel receives it: stored
 * (alert_firings) before any channel sees it, once per rule, call, kind and
 * episode. `call` is the call as GET /api/calls/:id answers it.
 */
export type AlertFiring = {
  id: string;
  /** `alert.<kind>` */
  type: string;
  /** When it fired, epoch ms. */
  at: number;
  rule: AlertRule;
  call: Call;
  ownerId: string;
};
