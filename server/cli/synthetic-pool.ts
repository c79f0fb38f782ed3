import { Random } from './random.ts';
import { POOL_MINISTRIES, type PoolMinistry } from './synthetic-pool-data.ts';
import type { OfficialSpec } from './seed-store.ts';

// The pool does not depend on `--seed`: every run must find the same
// ministries and officials, so that adding calls never adds people.
const POOL_SEED = 'readout-synthetic-pool-v1';

export const DAY = 24 * 3600 * 1000;
export const HOUR = 3600 * 1000;

/** How a ministry replies: the knobs of the synthetic outcomes. */
export interface ResponseProfile {
  /** Median delay of a call back. */
  medianMs: number;
  /** Spread of the delay on the log scale. */
  sigma: number;
  /** Share of calls never replied to. */
  noReply: number;
  /** Share of calls replied to with a refusal. */
  decline: number;
  /** How readily the callee takes a call as it comes in (scales the channel's pickup rate). */
  pickup: number;
}

export interface PoolOfficialSpec extends OfficialSpec {
  ministryIndex: number;
  /** How often this official places calls, relative to the others. */
  callWeight: number;
}

export interface PoolSpec {
  ministries: PoolMinistry[];
  profiles: ResponseProfile[];
  officials: PoolOfficialSpec[];
}

/** Titles abroad: the official works from another city than the capital. */
const POSTED_ABROAD: Record<string, string> = {
  'Permanent Representative to the United Nations': 'America/New_York',
};

/** Heads of ministries (listed first) place most calls; spokespeople few. */
function callWeight(title: string, rank: number): number {
  if (rank === 0) return 4;
  if (/Spokesperson/.test(title)) return 0.5;
  return 1.5;
}

function profileFor(ministry: PoolMinistry, random: Random): ResponseProfile {
  // Fast ministries call back within hours, slow ones after a day or two.
  const medianHours = ministry.slow ? random.between(20, 56) : Math.exp(random.between(Math.log(1.5), Math.log(20)));
  return {
    medianMs: medianHours * HOUR,
    sigma: random.between(0.7, 1.3),
    noReply: ministry.slow ? random.between(0.12, 0.22) : random.between(0.03, 0.12),
    decline: random.between(0.06, ministry.slow ? 0.2 : 0.15),
    pickup: random.between(0.6, 1.15),
  };
}

function personName(ministry: PoolMinistry, random: Random, taken: Set<string>): string {
  const given = ministry.names.given.split(' ');
  const family = ministry.names.family.split(' ');
  for (;;) {
    const g = random.pick(given);
    const f = random.pick(family);
    const name = ministry.names.familyFirst ? `${f} ${g}` : `${g} ${f}`;
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

export function buildPool(): PoolSpec {
  const random = new Random(POOL_SEED);
  const profiles: ResponseProfile[] = [];
  const officials: PoolOfficialSpec[] = [];
  POOL_MINISTRIES.forEach((ministry, ministryIndex) => {
    profiles.push(profileFor(ministry, random));
    const taken = new Set<string>();
    ministry.titles.forEach((title, rank) => {
      officials.push({
        ministryIndex,
        name: personName(ministry, random, taken),
        title,
        timeZone: POSTED_ABROAD[title] ?? ministry.timeZone,
        callWeight: callWeight(title, rank),
      });
    });
  });
  return { ministries: POOL_MINISTRIES, profiles, officials };
}

/** UTC offset of a zone in minutes at an instant (DST is ignored over the seeded span: an hour either way). */
export function utcOffsetMinutes(timeZone: string, at: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  }).formatToParts(new Date(at));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return Math.round((local - Math.floor(at / 60000) * 60000) / 60000);
}
