import type { CallStatus, Channel } from '#shared/schemas/calls.ts';
import type { MinistrySpec, OfficialSpec } from './seed-store.ts';

// The February 2013 story of The Cable's article (SPEC's origin), as an
// analyst would have logged it from the readouts of the time. Names and
// titles are those of February 2013. Where a source gives no time of day,
// the time is a plausible one and the call's notes say so.

/** North Korea's third nuclear test: 11:57 KST on 12 February 2013. */
export const NORTH_KOREA_TEST_AT = '2013-02-12T02:57:00Z';

export const ORIGIN_ARTICLE = 'https://foreignpolicy.com/2013/02/15/russias-foreign-minister-still-hasnt-called-kerry-back/';
export const CABLE_FEB_13 = 'https://foreignpolicy.com/2013/02/13/russian-foreign-minister-wont-return-kerrys-call/';

export type DemoMinistryKey = 'state' | 'mfaRussia' | 'mofaJapan' | 'mfaChina' | 'mofaKorea';

export const DEMO_MINISTRIES: Record<DemoMinistryKey, MinistrySpec> = {
  state: { name: 'U.S. Department of State', shortName: 'State Dept', country: 'US' },
  mfaRussia: { name: 'Ministry of Foreign Affairs of the Russian Federation', shortName: 'MFA Russia', country: 'RU' },
  mofaJapan: { name: 'Ministry of Foreign Affairs of Japan', shortName: 'Japan MOFA', country: 'JP' },
  mfaChina: { name: "Ministry of Foreign Affairs of the People's Republic of China", shortName: 'China MFA', country: 'CN' },
  // Called the Ministry of Foreign Affairs and Trade until 23 March 2013; kept
  // under today's name so the story and later calls share one ministry.
  mofaKorea: { name: 'Ministry of Foreign Affairs of the Republic of Korea', shortName: 'ROK MOFA', country: 'KR' },
};

export const DEMO_OFFICIALS: (OfficialSpec & { ministry: DemoMinistryKey })[] = [
  { ministry: 'state', name: 'John Kerry', title: 'Secretary of State', timeZone: 'America/New_York' },
  { ministry: 'state', name: 'Victoria Nuland', title: 'Spokesperson', timeZone: 'America/New_York' },
  { ministry: 'state', name: 'Wendy Sherman', title: 'Under Secretary of State for Political Affairs', timeZone: 'America/New_York' },
  { ministry: 'state', name: 'Glyn Davies', title: 'Special Representative for North Korea Policy', timeZone: 'America/New_York' },
  { ministry: 'mfaRussia', name: 'Sergei Lavrov', title: 'Minister of Foreign Affairs', timeZone: 'Europe/Moscow' },
  { ministry: 'mfaRussia', name: 'Sergei Ryabkov', title: 'Deputy Minister of Foreign Affairs', timeZone: 'Europe/Moscow' },
  { ministry: 'mfaRussia', name: 'Igor Morgulov', title: 'Deputy Minister of Foreign Affairs', timeZone: 'Europe/Moscow' },
  { ministry: 'mfaRussia', name: 'Alexander Lukashevich', title: 'Spokesperson, Director of the Information and Press Department', timeZone: 'Europe/Moscow' },
  { ministry: 'mofaJapan', name: 'Fumio Kishida', title: 'Minister for Foreign Affairs', timeZone: 'Asia/Tokyo' },
  { ministry: 'mofaJapan', name: 'Shinsuke Sugiyama', title: 'Director-General, Asian and Oceanian Affairs Bureau', timeZone: 'Asia/Tokyo' },
  { ministry: 'mfaChina', name: 'Yang Jiechi', title: 'Minister of Foreign Affairs', timeZone: 'Asia/Shanghai' },
  { ministry: 'mfaChina', name: 'Hong Lei', title: 'Spokesperson', timeZone: 'Asia/Shanghai' },
  { ministry: 'mfaChina', name: 'Wu Dawei', title: 'Special Representative for Korean Peninsula Affairs', timeZone: 'Asia/Shanghai' },
  { ministry: 'mofaKorea', name: 'Kim Sung-hwan', title: 'Minister of Foreign Affairs and Trade', timeZone: 'Asia/Seoul' },
  { ministry: 'mofaKorea', name: 'Lim Sung-nam', title: 'Special Representative for Korean Peninsula Peace and Security Affairs', timeZone: 'Asia/Seoul' },
  // Took office on 11 March 2013, after the story; no calls of the story involve him.
  { ministry: 'mofaKorea', name: 'Yun Byung-se', title: 'Minister of Foreign Affairs', timeZone: 'Asia/Seoul' },
];

/** One call of an episode; its caller is the episode's initiator. */
export interface DemoCall {
  callee: string;
  placedAt: string;
  channel: Channel;
  topic: string;
  notes: string;
  source: string | null;
  status: CallStatus;
  /** When the callee replied (answered: placedAt; returned or declined: later), else null. */
  respondedAt: string | null;
  /** When a withdrawn call was given up, else null. */
  closedAt: string | null;
  /** Further tries to reach the callee, after the first (the call itself). */
  attempts: DemoAttempt[];
}

export interface DemoAttempt {
  at: string;
  channel: Channel;
  notes: string;
}

/**
 * The calls placed because of one event, by one official: what Readout
 * calls a round (`title`, `trigger`, `triggerAt`, `initiator` are its fields).
 */
export interface DemoEpisode {
  title: string;
  trigger: string;
  triggerAt: string;
  initiator: string;
  calls: DemoCall[];
}

/** Calls not taken from a published readout say so in their notes. */
export const ILLUSTRATIVE = 'Illustrative: a working-level call of the kind the readouts mention, not itself from a published source.';

const HOUR_MS = 3_600_000;

/** An instant `hours` after `iso`, as ISO (UTC). */
export function hoursAfter(iso: string, hours: number): string {
  return new Date(Date.parse(iso) + Math.round(hours * HOUR_MS)).toISOString().replace('.000Z', 'Z');
}

type Outcome = { status: 'answered' } | { status: 'returned' | 'declined'; afterH: number } | { status: 'withdrawn'; afterH: number } | { status: 'awaiting' };

/** A call in an episode: the outcome given as a delay in hours after it was placed. */
export function demoCall(
  callee: string,
  placedAt: string,
  topic: string,
  outcome: Outcome,
  notes: string,
  extra: { channel?: Channel; source?: string | null; attempts?: DemoAttempt[] } = {},
): DemoCall {
  const respondedAt =
    outcome.status === 'answered' ? placedAt : outcome.status === 'returned' || outcome.status === 'declined' ? hoursAfter(placedAt, outcome.afterH) : null;
  return {
    callee,
    placedAt,
    channel: extra.channel ?? 'phone',
    topic,
    notes,
    source: extra.source ?? null,
    status: outcome.status,
    respondedAt,
    closedAt: outcome.status === 'withdrawn' ? hoursAfter(placedAt, outcome.afterH) : null,
    attempts: extra.attempts ?? [],
  };
}

