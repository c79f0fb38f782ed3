import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { CallRecord as Call } from '#shared/schemas/calls.ts';
import { COMPARED_COLUMNS, type TransferCall, toTransferRow } from '#shared/schemas/transfer.ts';
import type { CallsTable, Database, RoundsTable } from '../../db/schema.ts';
import type { CurrentUser } from '../../lib/context.ts';
import type { TickBudget } from '../../lib/tick-budget.ts';
import { newCallRow } from '../calls/repository.ts';
import { toCall } from '../calls/call-records.ts';
import { appendHistoryEntries, type NewHistoryEntry } from '../history/repository.ts';
import { toParty } from '../officials/repository.ts';
import { roundIdsByTitle, toRound } from '../rounds/repository.ts';
import type { CheckedRow } from './check-row.ts';
import type { ResolvedParties } from './parties.ts';
import type { ImportProblems } from './problems.ts';
import { type DuplicateKey, callsPlacedAt, callsWithIds, insertCalls, insertMinistries, insertOfficials } from './repository.ts';

/** Rows matched and written per step: a few queries each, then the event loop is handed back. */
export const STORE_BATCH = 200;

/** The call as its history entry holds it (the API's shape, without the format's round title). */
function withoutTitle({ roundTitle: _title, ...call }: TransferCall): Call {
  return call;
}

const keyOf = (k: DuplicateKey) => JSON.stringify([k.caller_id, k.callee_id, k.placed_at, k.topic]);

function shown(value: string | number | null): string {
  if (value === null) return 'empty';
  const text = String(value);
  return `"${text.length > 60 ? `${text.slice(0, 59)}…` : text}"`;
}

/**
 * Writes the rows of a checked file inside the import's transaction, batch
 * by batch, deciding for each row as SPEC.md says: a row whose id is stored
 * is skipped when it matches that call and is a problem of its own when it
 * differs; a row without an id is skipped when a stored call has the same
 * caller, callee, placedAt and topic. Rows are taken in file order, each
 * against what was stored before it, the file's earlier rows included.
 */
export class RowStore {
  private batch: CheckedRow[] = [];
  /** Rounds by title: those stored, and those this import created. */
  private readonly rounds = new Map<string, string>();
  created = 0;
  roundsCreated = 0;
  skipped = 0;

  constructor(
    private readonly trx: Transaction<Database>,
    private readonly parties: ResolvedParties,
    private readonly actor: CurrentUser,
    private readonly now: number,
    private readonly problems: ImportProblems,
    private readonly budget: TickBudget,
  ) {}

  private entry(entityType: NewHistoryEntry['entityType'], entityId: string, after: object): NewHistoryEntry {
    return { at: this.now, actor: this.actor.username, action: 'create', entityType, entityId, before: null, after };
  }

  /** The ministries and officials the file names that are not stored yet, each with its history entry. */
  async addParties(): Promise<void> {
    const { newMinistries, newOfficials } = this.parties;
    await insertMinistries(this.trx, newMinistries.map((m) => m.row));
    await insertOfficials(this.trx, newOfficials.map((o) => o.row));
    await appendHistoryEntries(this.trx, [
      ...newMinistries.map((m) => this.entry('ministry', m.row.id, m.ministry)),
      ...newOfficials.map((o) => this.entry('official', o.row.id, o.official)),
    ]);
  }

  async add(row: CheckedRow): Promise<void> {
    this.batch.push(row);
    if (this.batch.length >= STORE_BATCH) await this.flush();
  }

  async flush(): Promise<void> {
    const rows = this.batch.splice(0);
    if (rows.length === 0) return;
    await this.resolveRounds(rows);
    const candidates = rows.map((checked) => this.candidate(checked));
    // On SQLite each statement runs synchronously: the loop is handed back between them.
    const withId = candidates.filter((c) => c.checked.input.id !== undefined);
    const stored = withId.length ? await callsWithIds(this.trx, withId.map((c) => c.row.id)) : new Map<string, TransferCall>();
    await this.budget.check();
    const withoutId = candidates.filter((c) => c.checked.input.id === undefined);
    const storedKeys = new Set(withoutId.length ? (await callsPlacedAt(this.trx, withoutId.map((c) => c.row))).map(keyOf) : []);
    await this.budget.check();

    const created: typeof candidates = [];
    for (const candidate of candidates) {
      const { checked, row, call } = candidate;
      if (checked.input.id !== undefined) {
        const before = stored.get(row.id);
        if (before) {
          this.compare(checked, call, before);
          continue;
        }
        stored.set(row.id, call);
      } else {
        const key = keyOf(row);
        if (storedKeys.has(key)) {
          this.skipped += 1;
          continue;
        }
        storedKeys.add(key);
      }
      created.push(candidate);
    }
    await insertCalls(this.trx, created.map((c) => c.row));
    await this.budget.check();
    await appendHistoryEntries(this.trx, created.map((c) => this.entry('call', c.row.id, withoutTitle(c.call))));
    await this.budget.check();
    this.created += created.length;
  }

  /**
   * The rounds this batch's rows name, by title: the first stored round with
   * that title, or else a new one (title and trigger the title), created in
   * the import's transaction with its history entry.
   */
  private async resolveRounds(rows: readonly CheckedRow[]): Promise<void> {
    const titles = [...new Set(rows.flatMap((r) => (r.input.round === undefined || this.rounds.has(r.input.round) ? [] : [r.input.round])))];
    if (titles.length === 0) return;
    const stored = await roundIdsByTitle(this.trx, titles);
    const fresh: RoundsTable[] = [];
    for (const title of titles) {
      const id = stored.get(title);
      if (id) {
        this.rounds.set(title, id);
        continue;
      }
      const row: RoundsTable = { id: randomUUID(), title, trigger: title, trigger_at: null, initiator_id: null, notes: null, version: 1, created_at: this.now, updated_at: this.now, created_by: this.actor.username };
      fresh.push(row);
      this.rounds.set(title, row.id);
    }
    if (fresh.length === 0) return;
    await this.trx.insertInto('rounds').values(fresh).execute();
    await appendHistoryEntries(this.trx, fresh.map((row) => this.entry('round', row.id, toRound(row, null))));
    this.roundsCreated += fresh.length;
  }

  /** The row as it would be stored: the calls feature's own builder, with the file's id when it gives one. */
  private candidate(checked: CheckedRow): { checked: CheckedRow; row: CallsTable; call: TransferCall } {
    const { input, times, caller, callee } = checked;
    const ids = { callerId: this.parties.officialId(caller), calleeId: this.parties.officialId(callee) };
    const roundId = input.round === undefined ? null : this.rounds.get(input.round)!;
    const row = { ...newCallRow({ ...input, roundId }, times, ids, this.actor.username, this.now), id: input.id ?? randomUUID() };
    const call = toCall(row, toParty(this.parties.party(ids.callerId)), toParty(this.parties.party(ids.calleeId)));
    return { checked, row, call: { ...call, roundTitle: input.round ?? null } };
  }

  /** A row naming a stored id: the same call is skipped; any difference is a problem in that cell. */
  private compare(checked: CheckedRow, call: TransferCall, stored: TransferCall): void {
    const mine = toTransferRow(call);
    const theirs = toTransferRow(stored);
    const differing = COMPARED_COLUMNS.filter((column) => mine[column] !== theirs[column]);
    if (differing.length === 0) {
      this.skipped += 1;
      return;
    }
    for (const column of differing) {
      this.problems.add(checked.place, column, `differs from the call already stored with this id (stored: ${shown(theirs[column])})`);
    }
  }
}
