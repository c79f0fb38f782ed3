import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database, RoundsTable } from '../db/schema.ts';
import { appendHistory } from '../features/history/repository.ts';
import { roundIdsByTitle, toRound } from '../features/rounds/repository.ts';
import { fromIso } from '../lib/time.ts';
import { type CallRow, type MinistryRow, type OfficialRow, callShape, partyShape } from './api-shapes.ts';
import { DEMO_MINISTRIES, DEMO_OFFICIALS, type DemoEpisode, type DemoMinistryKey } from './demo-data.ts';
import { MONTH_EPISODES } from './demo-month.ts';
import { STORY_EPISODES } from './demo-story.ts';
import { SEED_ACTOR, type SeedTarget, ensureMinistries, ensureOfficials, ministryKey, officialKey } from './seed-store.ts';

/** The month of February 2013, event by event, oldest first: each episode is one round of calls. */
export const DEMO_EPISODES: readonly DemoEpisode[] = [...STORY_EPISODES, ...MONTH_EPISODES].sort((a, b) => a.triggerAt.localeCompare(b.triggerAt) || a.title.localeCompare(b.title));

export const DEMO_CALL_COUNT = DEMO_EPISODES.reduce((n, e) => n + e.calls.length, 0);

export interface DemoReport {
  ministries: { created: string[]; existing: number };
  officials: { created: string[]; existing: number };
  calls: { created: string[]; existing: number };
  /** Each episode with its calls' ids (new or found), in the episode's order. */
  episodes: { title: string; callIds: string[] }[];
}

/**
 * Loads the February 2013 story and the month around it. Running it again
 * creates nothing: ministries are matched by name and country, officials by
 * name and ministry, and calls by caller, callee and the instant they were
 * placed. Everything is fixed data: two runs load the same story.
 */
export async function seedDemo(target: SeedTarget, options: { now: number }): Promise<DemoReport> {
  const { now } = options;
  return target.db.transaction().execute(async (trx) => {
    const specs = Object.values(DEMO_MINISTRIES);
    const ministries = await ensureMinistries(trx, specs, now);
    const ministryOf = (key: DemoMinistryKey): MinistryRow => ministries.byKey.get(ministryKey(DEMO_MINISTRIES[key]))!;

    const officials = await ensureOfficials(
      trx,
      DEMO_OFFICIALS.map((o) => ({ ...o, ministry: ministryOf(o.ministry) })),
      now,
    );
    const byName = new Map<string, { official: OfficialRow; ministry: MinistryRow }>();
    for (const spec of DEMO_OFFICIALS) {
      const ministry = ministryOf(spec.ministry);
      byName.set(spec.name, { official: officials.byKey.get(officialKey(ministry.id, spec.name))!, ministry });
    }
    const party = (name: string) => {
      const found = byName.get(name);
      if (!found) throw new Error(`demo call names an unknown official: ${name}`);
      return found;
    };

    const createdCalls: string[] = [];
    let existingCalls = 0;
    const episodes: DemoReport['episodes'] = [];
    const roundOf = await episodeRounds(trx, now, (name) => partyShape(party(name).official, party(name).ministry));
    for (const episode of DEMO_EPISODES) {
      const caller = party(episode.initiator);
      const roundId = roundOf.get(episode.title)!;
      /** The episode's calls (new or found), in its order. */
      const callIds: string[] = [];
      for (const call of episode.calls) {
        const callee = party(call.callee);
        const placedAt = fromIso(call.placedAt);
        const already = await trx
          .selectFrom('calls')
          .select('id')
          .where('caller_id', '=', caller.official.id)
          .where('callee_id', '=', callee.official.id)
          .where('placed_at', '=', placedAt)
          .executeTakeFirst();
        if (already) {
          existingCalls++;
          callIds.push(already.id);
          continue;
        }
        const row: CallRow = {
          id: randomUUID(),
          caller_id: caller.official.id,
          callee_id: callee.official.id,
          placed_at: placedAt,
          channel: call.channel,
          topic: call.topic,
          notes: call.notes,
          source: call.source,
          status: call.status,
          responded_at: call.respondedAt === null ? null : fromIso(call.respondedAt),
          closed_at: call.closedAt === null ? null : fromIso(call.closedAt),
          round_id: roundId,
          attempts: 1 + call.attempts.length,
          last_attempt_at: call.attempts.length === 0 ? null : Math.max(...call.attempts.map((a) => fromIso(a.at))),
          version: 1,
          created_at: now,
          updated_at: now,
          created_by: SEED_ACTOR,
        };
        await trx.insertInto('calls').values(row).execute();
        for (const attempt of call.attempts) {
          await trx
            .insertInto('attempts')
            .values({ id: randomUUID(), call_id: row.id, at: fromIso(attempt.at), channel: attempt.channel, notes: attempt.notes, created_at: now, created_by: SEED_ACTOR })
            .execute();
        }
        const after = callShape(row, partyShape(caller.official, caller.ministry), partyShape(callee.official, callee.ministry));
        await appendHistory(trx, { at: now, actor: SEED_ACTOR, action: 'create', entityType: 'call', entityId: row.id, before: null, after });
        callIds.push(row.id);
        createdCalls.push(`${call.placedAt.slice(0, 16).replace('T', ' ')} ${episode.initiator} → ${call.callee} (${call.status})`);
      }
      episodes.push({ title: episode.title, callIds });
    }

    return {
      ministries: { created: ministries.created.map((m) => m.name), existing: specs.length - ministries.created.length },
      officials: { created: officials.created.map((o) => o.name), existing: DEMO_OFFICIALS.length - officials.created.length },
      calls: { created: createdCalls, existing: existingCalls },
      episodes,
    };
  });
}

/** Each episode's round by title: the one stored, or a new one with its history entry. Answers title → round id. */
async function episodeRounds(trx: Transaction<Database>, now: number, initiator: (name: string) => ReturnType<typeof partyShape>): Promise<Map<string, string>> {
  const rounds = await roundIdsByTitle(trx, DEMO_EPISODES.map((e) => e.title));
  for (const episode of DEMO_EPISODES) {
    if (rounds.has(episode.title)) continue;
    const caller = initiator(episode.initiator);
    const row: RoundsTable = {
      id: randomUUID(),
      title: episode.title,
      trigger: episode.trigger,
      trigger_at: fromIso(episode.triggerAt),
      initiator_id: caller.id,
      notes: null,
      version: 1,
      created_at: now,
      updated_at: now,
      created_by: SEED_ACTOR,
    };
    await trx.insertInto('rounds').values(row).execute();
    await appendHistory(trx, { at: now, actor: SEED_ACTOR, action: 'create', entityType: 'round', entityId: row.id, before: null, after: toRound(row, caller) });
    rounds.set(episode.title, row.id);
  }
  return rounds;
}
