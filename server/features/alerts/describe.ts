import type { AlertFiring } from './firing.ts';

const HOUR = 3600_000;

/** A span in whole hours (or days past 48 h), as a headline says it. */
function span(ms: number): string {
  const hours = Math.floor(ms / HOUR);
  if (hours >= 48) return `${Math.floor(hours / 24)} days`;
  return hours >= 1 ? `${hours} h` : `${Math.max(1, Math.floor(ms / 60_000))} min`;
}

const utc = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

/** What a firing says, in one sentence: the notification's title, an email's subject. */
export function describeFiring(firing: AlertFiring): string {
  const { call, rule } = firing;
  const callee = `${call.callee.name} (${call.callee.ministry.shortName})`;
  const of = `${call.caller.name}'s call`;
  switch (rule.kind) {
    case 'wait_exceeds':
      return `${callee} has not replied to ${of} for ${span(rule.thresholdMs ?? 0)}`;
    case 'unusual_wait':
      return `${callee} has kept ${of} waiting longer than 90% of ${call.callee.ministry.shortName}'s calls waited for a reply`;
    case 'promise_broken':
      return `${callee} promised to return ${of} by ${call.promisedBy ? utc(call.promisedBy) : 'now'} and has not`;
    case 'replied':
      return `${callee} replied to ${of} (${call.status})`;
  }
}
