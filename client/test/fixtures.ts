import type { Call } from '#shared/schemas/calls.ts';

const ministry = (id: string, shortName: string, country: string) => ({ id, name: `Ministry ${shortName}`, shortName, country });

export const kerry = { id: 'kerry', name: 'John Kerry', title: 'Secretary of State', timeZone: 'America/New_York', ministry: ministry('state', 'State Dept', 'US') };
export const lavrov = { id: 'lavrov', name: 'Sergei Lavrov', title: 'Minister of Foreign Affairs', timeZone: 'Europe/Moscow', ministry: ministry('mfa-ru', 'MFA Russia', 'RU') };

/** The call of the article, as the server answers it. */
export function makeCall(overrides: Partial<Call> = {}): Call {
  return {
    id: 'c1',
    callerId: kerry.id,
    calleeId: lavrov.id,
    caller: kerry,
    callee: lavrov,
    placedAt: '2013-02-12T15:00:27Z',
    channel: 'phone',
    topic: 'North Korea’s nuclear test',
    notes: null,
    source: null,
    status: 'awaiting',
    respondedAt: null,
    closedAt: null,
    promisedBy: null,
    acknowledgedAt: null,
    responseMs: null,
    roundId: null,
    attempts: 1,
    lastAttemptAt: '2013-02-12T15:00:27Z',
    version: 1,
    createdAt: '2013-02-12T16:00:00Z',
    updatedAt: '2013-02-12T16:00:00Z',
    createdBy: 'ada',
    workingMs: 0,
    ...overrides,
  };
}
