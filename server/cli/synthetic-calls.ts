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
    columns: ['id', 'caller_id', 'callee_id', 'placed_at', 'channel', 'topic', 'notes', 'source', 'status', 'responded_at', 'closed_at'],
    constants: { version: 1, created_at: now, updated_at: now, created_by: actor },
    types: { placed_at: 'bigint', responded_at: 'bigint', closed_at: 'bigint' },
  };
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
  calls: unknown[];
  history: unknown[];
}

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
    const batch: GeneratedBatch = { count: 0, calls: [], history: [] };
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
    const callerIndex = this.callers.pick(r);
    const caller = this.officials[callerIndex]!;
    let callee = caller;
    while (callee.ministryIndex === caller.ministryIndex) callee = this.officials[this.callers.pick(r)]!;
    const channel = CHANNELS[this.channels.pick(r)]!;

    // Mostly the caller's working hours, sometimes at any hour (crises do not wait).
    const localMinute = r.chance(0.85) ? r.between(8 * 60, 19 * 60) : r.between(0, 24 * 60);
    let placedAt = dayStart + Math.floor(localMinute - this.offsets[callerIndex]!) * MINUTE;
    if (placedAt >= now) placedAt = Math.floor((dayStart + r.next() * (now - dayStart)) / MINUTE) * MINUTE;

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

    const topic = r.int(TOPICS.length);
    const noteIndex = r.chance(0.55) ? r.int(NOTES.length) : -1;
    const sourceIndex = r.chance(0.5) ? r.int(SOURCES.length) : -1;
    const source = sourceIndex < 0 ? null : SOURCES[sourceIndex]!.replace('%s', r.chance(0.6) ? caller.ministryShortName : callee.ministryShortName);
    const id = this.nextId();
    const responseMs = respondedAt === null ? null : respondedAt - placedAt;

    batch.calls.push(id, caller.id, callee.id, placedAt, channel, TOPICS[topic], noteIndex < 0 ? null : NOTES[noteIndex], source, status, respondedAt, closedAt);
    // The call as the API shows it, spelled out rather than JSON.stringify'd:
    // at a million calls the difference is several seconds.
    const after =
      `{"id":"${id}","callerId":"${caller.id}","calleeId":"${callee.id}","caller":${caller.partyJson},"callee":${callee.partyJson}` +
      `,"placedAt":"${new Date(placedAt).toISOString()}","channel":"${channel}","topic":${TOPIC_JSON[topic]}` +
      `,"notes":${noteIndex < 0 ? 'null' : NOTES_JSON[noteIndex]},"source":${source === null ? 'null' : JSON.stringify(source)}` +
      `,"status":"${status}","respondedAt":${respondedAt === null ? 'null' : `"${new Date(respondedAt).toISOString()}"`}` +
      `,"closedAt":${closedAt === null ? 'null' : `"${new Date(closedAt).toISOString()}"`},"promisedBy":null,"acknowledgedAt":null,"responseMs":${responseMs === null ? 'null' : responseMs}` +
      `,"roundId":null,"attempts":1,"lastAttemptAt":"${new Date(placedAt).toISOString()}"` +
      `,"version":1,"createdAt":"${this.nowIso}","updatedAt":"${this.nowIso}","createdBy":${JSON.stringify(actor)}}`;
    batch.history.push(id, after);
  }
}
