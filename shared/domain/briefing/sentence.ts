// The briefing's press-ready sentences: pure, so the server writes them and
// tests pin them without a database. Times are said in UTC, which a desk in
// any city can convert; names as the press writes them ("Foreign Minister Lavrov").

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A party as the sentence needs it. */
export interface SentenceParty {
  name: string;
  title: string;
  ministry: { shortName: string; country: string };
}

/** Titles as the press shortens them before a surname; a title not listed here is left out and the full name said. */
const SHORT_TITLES: [RegExp, string][] = [
  [/^secretary of state\b/i, 'Secretary'],
  [/^deputy (minister (of|for) foreign affairs|foreign minister)\b/i, 'Deputy Foreign Minister'],
  [/^(minister (of|for) foreign affairs|foreign minister)\b/i, 'Foreign Minister'],
  [/^prime minister\b/i, 'Prime Minister'],
  [/^president\b/i, 'President'],
  [/^ambassador\b/i, 'Ambassador'],
];

/** Where the family name comes first ("Yang Jiechi" is Foreign Minister Yang). */
const FAMILY_NAME_FIRST = new Set(['CN', 'TW', 'HK', 'MO', 'KR', 'KP', 'HU']);

export function pressName(party: SentenceParty): string {
  const short = SHORT_TITLES.find(([pattern]) => pattern.test(party.title.trim()))?.[1];
  const words = party.name.trim().split(/\s+/);
  if (!short || words.length === 0) return party.name.trim();
  const surname = FAMILY_NAME_FIRST.has(party.ministry.country.toUpperCase()) ? words[0]! : words[words.length - 1]!;
  return `${short} ${surname}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** "12 Feb 2013 at 15:05 UTC" */
export function utcMoment(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} at ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** A running wait, cut down (never rounded up): "3 days 2 hours", "5 hours 12 minutes", "40 minutes". */
export function waitSpan(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / MINUTE);
  const days = Math.floor(minutes / (24 * 60));
  const hours = Math.floor((minutes % (24 * 60)) / 60);
  const mins = minutes % 60;
  if (days > 0) return hours > 0 ? `${plural(days, 'day')} ${plural(hours, 'hour')}` : plural(days, 'day');
  if (hours > 0) return mins > 0 ? `${plural(hours, 'hour')} ${plural(mins, 'minute')}` : plural(hours, 'hour');
  return plural(Math.max(minutes, 1), 'minute');
}

/** A typical time, to the nearest hour (minute below an hour, day past two days): "6 hours", "2 days". */
export function typicalSpan(ms: number): string {
  if (ms < HOUR) return plural(Math.max(1, Math.round(ms / MINUTE)), 'minute');
  if (ms < 2 * DAY) return plural(Math.round(ms / HOUR), 'hour');
  return plural(Math.round(ms / DAY), 'day');
}

/** What the callee's ministry's record says: its Kaplan–Meier median, over how many other calls. */
export interface MinistryRecordFacts {
  /** The ministry's calls on record besides this one. */
  otherCalls: number;
  /** The smallest wait by which half its calls had a reply (Kaplan–Meier); null when fewer than half ever did. */
  survivalMedianMs: number | null;
}

function recordClause(shortName: string, record: MinistryRecordFacts): string {
  if (record.otherCalls === 0) return `there is no earlier record of ${shortName}'s replies`;
  if (record.survivalMedianMs === null) return `${shortName} has replied to fewer than half its calls`;
  return `${shortName} replies to half its calls within ${typicalSpan(record.survivalMedianMs)}`;
}

export interface OpenCallFacts {
  caller: SentenceParty;
  callee: SentenceParty;
  placedAt: number;
  waitingMs: number;
  /** Tries to reach the callee, counting the first. */
  attempts: number;
  promisedBy: number | null;
  record: MinistryRecordFacts;
}

/**
 * "No. Secretary Kerry's call to Foreign Minister Lavrov (MFA Russia), placed
 * 12 Feb 2013 at 15:05 UTC, has waited 3 days 2 hours, 2 attempts; MFA Russia
 * replies to half its calls within 6 hours." One try goes unsaid; a promise
 * is said as pending or broken at `now`.
 */
export function openCallSentence(facts: OpenCallFacts, now: number): string {
  const ministry = facts.callee.ministry.shortName;
  let sentence = `No. ${pressName(facts.caller)}'s call to ${pressName(facts.callee)} (${ministry}), placed ${utcMoment(facts.placedAt)}, has waited ${waitSpan(facts.waitingMs)}`;
  if (facts.attempts > 1) sentence += `, ${facts.attempts} attempts`;
  if (facts.promisedBy !== null) {
    sentence += now >= facts.promisedBy ? `; promise broken: a call back was promised by ${utcMoment(facts.promisedBy)}` : `; promised a call back by ${utcMoment(facts.promisedBy)}`;
  }
  return `${sentence}; ${recordClause(ministry, facts.record)}.`;
}

export interface ReplyFacts {
  caller: SentenceParty;
  callee: SentenceParty;
  placedAt: number;
  respondedAt: number;
  status: 'answered' | 'returned' | 'declined';
  attempts: number;
}

/**
 * "Yes. Foreign Minister Lavrov returned Secretary Kerry's call on 16 Feb 2013
 * at 09:00 UTC, 3 days 17 hours after it was placed (12 Feb 2013 at 15:05 UTC)."
 */
export function replySentence(facts: ReplyFacts): string {
  const callee = pressName(facts.callee);
  const call = `${pressName(facts.caller)}'s call`;
  const tries = facts.attempts > 1 ? ` and ${facts.attempts} attempts` : '';
  const after = `${waitSpan(facts.respondedAt - facts.placedAt)}${tries} after it was placed (${utcMoment(facts.placedAt)})`;
  switch (facts.status) {
    case 'answered':
      return `Yes. ${callee} took ${call} when it was placed, ${utcMoment(facts.placedAt)}.`;
    case 'returned':
      return `Yes. ${callee} returned ${call} on ${utcMoment(facts.respondedAt)}, ${after}.`;
    case 'declined':
      return `Declined. ${callee} answered ${call} on ${utcMoment(facts.respondedAt)}, ${after}, declining to talk.`;
  }
}
