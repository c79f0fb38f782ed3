import type { CallStatus, Channel } from '#shared/schemas/calls.ts';
import type { BulkTable } from './bulk-insert.ts';
import { Random, WeightedPicker } from './random.ts';
import { DAY, type ResponseProfile, utcOffsetMinutes } from './synthetic-pool.ts';
import { CHANNEL_WEIGHTS, NOTES, PICKUP_RATE, SOURCES, TOPICS } from './synthetic-text.ts';
import { timeOrderedIds } from './time-ordered-id.ts';

const MINUTE = 60_000;
/** How long the synthetic data reaches back. */
export const SPAN_DAYS = 730;

/** An official as the generator needs it: ids, where they sit, and their API form ready to embed. */
export interface GeneratorOfficial {
  id: string;
  ministryIndex: number;
  ministryShortName: string;
  timeZone: string;
  callWeight: number;
  /** JSON of the official as embedded in a call (`Party`). */
  partyJson: string;
}

/** The columns each call binds; the rest are the same for every call of a run. */
export function callTable(now: number, actor: string): BulkTable {
  return {
    table: 'calls',
    columns: ['id', 'caller_id', 'callee_id', 'placed_at', 'channel', 'topic', 'notes', 'source', 'status', 'responded_at', 'closed_at', 'round_id', 'attempts', 'last_attempt_at'],
    constants: { version: 1, created_at: now, updated_at: now, created_by: actor },
    types: { placed_at: 'bigint', responded_at: 'bigint', closed_at: 'bigint', attempts: 'integer', last_attempt_at: 'bigint' },
  };
}

/** The values one call binds in `callTable` (the id first, the round id twelfth). */
export const CALL_WIDTH = 14;

export function roundTable(now: number, actor: string): BulkTable {
  return {
    table: 'rounds',
    columns: ['id', 'title', 'trigger', 'trigger_at', 'initiator_id'],
    constants: { notes: null, version: 1, created_at: now, updated_at: now, created_by: actor },
    types: { trigger_at: 'bigint' },
  };
}

export function attemptTable(now: number, actor: string): BulkTable {
  return {
    table: 'attempts',
    columns: ['id', 'call_id', 'at', 'channel'],
    constants: { notes: null, created_at: now, created_by: actor },
    types: { at: 'bigint' },
  };
}

export function roundHistoryTable(now: number, actor: string): BulkTable {
  return { ...historyTable(now, actor), constants: { at: now, actor, action: 'create', entity_type: 'round', before: null } };
}

export function historyTable(now: number, actor: string): BulkTable {
  return {
    table: 'history',
    columns: ['entity_id', 'after'],
    constants: { at: now, actor, action: 'create', entity_type: 'call', before: null },
  };
}

/** Values of `callTable` and `historyTable` rows, flat (row after row). */
export interface GeneratedBatch {
  count: number;
  /** Rows of `roundTable` and their `roundHistoryTable` rows: insert them before the calls, which refer to them. */
  rounds: unknown[];
  roundHistory: unknown[];
  calls: unknown[];
  history: unknown[];
  /** Rows of `attemptTable`: insert them after the calls. */
  attempts: unknown[];
}

/** A round being generated: its caller places its calls within two hours, one callee each. */
interface OpenRound {
  id: string;
  day: number;
  callerIndex: number;
  placedAt: number;
  topic: number;
  left: number;
  callees: Set<string>;
}

/** Chance that a call outside a round starts one; with 2 to 6 calls a round, about 30% of calls are in rounds. */
const ROUND_START = 0.11;
/** Chance that a call still awaiting was tried again (2 to 4 tries in all). */
const RETRIED = 0.35;

const CHANNELS = Object.keys(CHANNEL_WEIGHTS) as Channel[];
const TOPIC_JSON = TOPICS.map((t) => JSON.stringify(t));
const NOTES_JSON = NOTES.map((t) => JSON.stringify(t));

/**
 * Generates calls day by day over the last two years, in the order they were
 * placed, so the time indexes fill at their end. Outcomes follow the callee's
 * ministry: log-normal delays around its median, its share of refusals and of
 * calls never returned (withdrawn after some days, or still awaiting when
 * recent). A reply that would come after `now` leaves the call awaiting.
 */
export class CallGenerator {
  private readonly random: Random;
  private readonly callers: WeightedPicker;
  private readonly channels: WeightedPicker;
  private readonly offsets: number[];
  private readonly nextId = timeOrderedIds();
  private readonly nowIso: string;
  private readonly dayCounts: number[];
  private readonly firstDay: number;
  private day = 0;
  private leftToday = 0;
  private round: OpenRound | null = null;
  /** Calls generated in rounds (of all generated). */
  inRounds = 0;
  readonly statuses: Record<CallStatus, number> = { awaiting: 0, answered: 0, returned: 0, declined: 0, withdrawn: 0 };

  constructor(
    private readonly officials: readonly GeneratorOfficial[],
    private readonly profiles: readonly ResponseProfile[],
    private readonly options: { count: number; seed: string | number; now: number; actor: string },
  ) {
    if (new Set(officials.map((o) => o.ministryIndex)).size < 2) throw new Error('synthetic calls need officials of at least two ministries');
    this.random = new Random(options.seed);
    this.callers = new WeightedPicker(officials.map((o) => o.callWeight));
    this.channels = new WeightedPicker(CHANNELS.map((c) => CHANNEL_WEIGHTS[c]));
    this.offsets = officials.map((o) => utcOffsetMinutes(o.timeZone, options.now));
    this.nowIso = new Date(options.now).toISOString();
    this.firstDay = Math.floor(options.now / DAY) - SPAN_DAYS + 1;
    this.dayCounts = this.spreadOverDays(options.count);
  }

  /** Exactly `count` calls over the days: fewer at weekends, slowly growing, today only up to now. */
  private spreadOverDays(count: number): number[] {
    const weights: number[] = [];
    for (let d = 0; d < SPAN_DAYS; d++) {
      const weekday = (this.firstDay + d + 4) % 7; // 1970-01-01 was a Thursday
      let w = (weekday === 0 ? 0.2 : weekday === 6 ? 0.3 : 1) * (0.8 + (0.4 * d) / SPAN_DAYS);
      if (d === SPAN_DAYS - 1) w *= (this.options.now - (this.firstDay + d) * DAY) / DAY;
      weights.push(w);
    }
    const total = weights.reduce((a, b) => a + b, 0);
    const counts: number[] = [];
    let cumulative = 0;
    let assigned = 0;
    for (const w of weights) {
      cumulative += w;
      const upTo = Math.round((count * cumulative) / total);
      counts.push(upTo - assigned);
      assigned = upTo;
    }
    return counts;
  }

  /** The next `size` calls (fewer at the end) with their history rows. */
  nextBatch(size: number): GeneratedBatch {
    const batch: GeneratedBatch = { count: 0, rounds: [], roundHistory: [], calls: [], history: [], attempts: [] };
    while (batch.count < size) {
      while (this.leftToday === 0 && this.day < SPAN_DAYS) this.leftToday = this.dayCounts[this.day++]!;
      if (this.leftToday === 0) break;
      this.leftToday--;
      this.generate((this.firstDay + this.day - 1) * DAY, batch);
      batch.count++;
    }
    return batch;
  }

  private generate(dayStart: number, batch: GeneratedBatch): void {
    const r = this.random;
    const { now, actor } = this.options;
    const round = this.round && this.round.left > 0 && this.round.day === dayStart ? this.round : null;
    if (!round) this.round = null;
    const callerIndex = round ? round.callerIndex : this.callers.pick(r);
    const caller = this.officials[callerIndex]!;
    let callee = caller;
    // A round calls each callee once (a few tries, then a repeat is let be).
    for (let tries = 0; callee.ministryIndex === caller.ministryIndex || (round?.callees.has(callee.id) && tries < 8); tries++) callee = this.officials[this.callers.pick(r)]!;
    const channel = CHANNELS[this.channels.pick(r)]!;

    let placedAt: number;
    if (round) {
      placedAt = Math.min(round.placedAt + r.int(120) * MINUTE, Math.max(round.placedAt, now - MINUTE));
    } else {
      // Mostly the caller's working hours, sometimes at any hour (crises do not wait).
      const localMinute = r.chance(0.85) ? r.between(8 * 60, 19 * 60) : r.between(0, 24 * 60);
      placedAt = dayStart + Math.floor(localMinute - this.offsets[callerIndex]!) * MINUTE;
      if (placedAt >= now) placedAt = Math.floor((dayStart + r.next() * (now - dayStart)) / MINUTE) * MINUTE;
    }

    const profile = this.profiles[callee.ministryIndex]!;
    let status: CallStatus;
    let respondedAt: number | null = null;
    let closedAt: number | null = null;
    const u = r.next();
    if (u < profile.noReply) {
      // Never replied: the caller gives up after some days, or has not yet;
      // a few old calls stay open because nobody closed them.
      const giveUpAt = placedAt + Math.max(DAY, r.logNormal(6 * DAY, 0.6));
      if (giveUpAt <= now && r.chance(0.985)) {
        status = 'withdrawn';
        closedAt = Math.ceil(giveUpAt / MINUTE) * MINUTE;
        if (closedAt > now) closedAt = now;
      } else {
        status = 'awaiting';
      }
    } else {
      const declined = u < profile.noReply + profile.decline;
      const answered = !declined && r.chance(Math.min(1, PICKUP_RATE[channel] * profile.pickup));
      status = declined ? 'declined' : answered ? 'answered' : 'returned';
      respondedAt = answered ? placedAt : placedAt + Math.ceil(Math.max(5 * MINUTE, r.logNormal(profile.medianMs * (declined ? 0.7 : 1), profile.sigma)) / MINUTE) * MINUTE;
      if (respondedAt > now) {
        status = 'awaiting';
        respondedAt = null;
      }
    }
    this.statuses[status]++;

    const topic = round ? round.topic : r.int(TOPICS.length);
    const roundId = round ? round.id : r.chance(ROUND_START) ? this.openRound(dayStart, callerIndex, placedAt, topic, batch) : null;
    if (roundId) {
      this.round!.left--;
      this.round!.callees.add(callee.id);
      this.inRounds++;
    }
    // Tries after the first, for some calls still awaiting: between the first try and now.
    const tries = status === 'awaiting' && r.chance(RETRIED) ? 1 + r.int(3) : 0;
    let lastAttemptAt = placedAt;
    const times: number[] = [];
    for (let i = 0; i < tries; i++) times.push(placedAt + Math.floor((r.next() * (now - placedAt)) / MINUTE) * MINUTE);
    times.sort((a, b) => a - b);
    const noteIndex = r.chance(0.55) ? r.int(NOTES.length) : -1;
    const sourceIndex = r.chance(0.5) ? r.int(SOURCES.length) : -1;
    const source = sourceIndex < 0 ? null : SOURCES[sourceIndex]!.replace('%s', r.chance(0.6) ? caller.ministryShortName : callee.ministryShortName);
    const id = this.nextId();
    const responseMs = respondedAt === null ? null : respondedAt - placedAt;

    for (const at of times) {
      batch.attempts.push(this.nextId(), id, at, CHANNELS[this.channels.pick(r)]!);
      lastAttemptAt = at;
    }
    batch.calls.push(id, caller.id, callee.id, placedAt, channel, TOPICS[topic], noteIndex < 0 ? null : NOTES[noteIndex], source, status, respondedAt, closedAt, roundId, 1 + tries, tries > 0 ? lastAttemptAt : null);
    // The call as the API shows it, spelled out rather than JSON.stringify'd:
    // at a million calls the difference is several seconds.
    const after =
      `{"id":"${id}","callerId":"${caller.id}","calleeId":"${callee.id}","caller":${caller.partyJson},"callee":${callee.partyJson}` +
      `,"placedAt":"${new Date(placedAt).toISOString()}","channel":"${channel}","topic":${TOPIC_JSON[topic]}` +
      `,"notes":${noteIndex < 0 ? 'null' : NOTES_JSON[noteIndex]},"source":${source === null ? 'null' : JSON.stringify(source)}` +
      `,"status":"${status}","respondedAt":${respondedAt === null ? 'null' : `"${new Date(respondedAt).toISOString()}"`}` +
      `,"closedAt":${closedAt === null ? 'null' : `"${new Date(closedAt).toISOString()}"`},"promisedBy":null,"acknowledgedAt":null,"responseMs":${responseMs === null ? 'null' : responseMs}` +
      `,"roundId":${roundId === null ? 'null' : `"${roundId}"`},"attempts":${1 + tries},"lastAttemptAt":"${new Date(lastAttemptAt).toISOString()}"` +
      `,"version":1,"createdAt":"${this.nowIso}","updatedAt":"${this.nowIso}","createdBy":${JSON.stringify(actor)}}`;
    batch.history.push(id, after);
  }

  /** Starts a round with this call as its first: 2 to 6 calls, its trigger a little before. */
  private openRound(day: number, callerIndex: number, placedAt: number, topic: number, batch: GeneratedBatch): string {
    const r = this.random;
    const caller = this.officials[callerIndex]!;
    const id = this.nextId();
    const triggerAt = placedAt - r.int(12 * 60) * MINUTE;
    const title = `${TOPICS[topic]} (${caller.ministryShortName}, ${new Date(placedAt).toISOString().slice(0, 10)})`;
    this.round = { id, day, callerIndex, placedAt, topic, left: 2 + r.int(5), callees: new Set() };
    batch.rounds.push(id, title, TOPICS[topic], triggerAt, caller.id);
    const after =
      `{"id":"${id}","title":${JSON.stringify(title)},"trigger":${TOPIC_JSON[topic]},"triggerAt":"${new Date(triggerAt).toISOString()}"` +
      `,"initiatorId":"${caller.id}","initiator":${caller.partyJson},"notes":null,"version":1` +
      `,"createdAt":"${this.nowIso}","updatedAt":"${this.nowIso}","createdBy":${JSON.stringify(this.options.actor)}}`;
    batch.roundHistory.push(id, after);
    return id;
  }
}
