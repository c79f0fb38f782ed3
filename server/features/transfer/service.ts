import type { Kysely } from 'kysely';
import type { ImportResult } from '#shared/schemas/transfer.ts';
import type { Database } from '../../db/schema.ts';
import type { CurrentUser, Deps } from '../../lib/context.ts';
import { isUniqueViolation, orThrow } from '../../lib/db-errors.ts';
import { AppError, conflict } from '../../lib/errors.ts';
import { TickBudget } from '../../lib/tick-budget.ts';
import { type CheckedRow, checkRow } from './check-row.ts';
import { PartyBook, resolveParties } from './parties.ts';
import { FILE, ImportProblems, refusedFor, tooLarge } from './problems.ts';
import { ProgressTracker } from './progress.ts';
import { type ImportFormat, importFormatOf, readRows } from './read-rows.ts';
import { Spool, limited } from './spool.ts';
import { bulkWrite } from './sqlite-bulk-write.ts';
import { RowStore } from './store.ts';

/** The longest row an import takes: a call's notes (20,000 characters) and all its other cells fit several times over. */
export const MAX_IMPORT_ROW_BYTES = 256 * 1024;
/** Imports one process runs at once; each holds its file on disk and, while storing, a transaction. */
const MAX_RUNNING_IMPORTS = 4;

let running = 0;

export interface ImportRequest {
  contentType: string;
  /** The Content-Length the client announced, if any: refused at once when over the limit, and the progress bar's total. */
  contentLength: number | null;
  body: ReadableStream<Uint8Array> | null;
  dryRun: boolean;
  progressId?: string | undefined;
}

/** Thrown inside the transaction of a dry run, so that everything it wrote is rolled back. */
class DryRunDone extends Error {
  constructor(readonly result: ImportResult) {
    super('dry run');
  }
}

const raced = () =>
  conflict('Someone added one of these ministries or officials while the file was being imported; nothing was imported, send the file again');

/** The request body's chunks as they arrive; reading stops (and the body is cancelled) when the import stops early. */
async function* chunksOf(body: ReadableStream<Uint8Array> | null): AsyncGenerator<Uint8Array> {
  if (!body) return;
  const reader = body.getReader();
  try {
    for (;;) {
      let next: ReadableStreamReadResult<Uint8Array>;
      try {
        next = await reader.read();
      } catch {
        // The client went away mid-upload: there is no one left to answer, and nothing was stored.
        throw new AppError(400, 'Bad request', 'The file did not arrive whole: the upload was cut off; nothing was imported');
      }
      if (next.done) return;
      yield next.value;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

/**
 * Imports a file of calls, streamed: the rows are checked as the file
 * arrives (while it is copied to disk), so a wrong file is refused within
 * its first problems; then, in one transaction, the file is read again and
 * its rows are matched with the stored calls and written batch by batch,
 * with a history entry for every created ministry, official and call.
 * All or nothing: any problem rolls it all back. Memory stays flat however
 * many rows there are, and the event loop is handed back every few
 * milliseconds throughout.
 */
export async function importCalls(deps: Deps, actor: CurrentUser, request: ImportRequest): Promise<ImportResult> {
  const maxBytes = deps.config.IMPORT_MAX_BYTES;
  const maxRows = deps.config.IMPORT_MAX_ROWS;
  if (request.contentLength !== null && request.contentLength > maxBytes) {
    throw tooLarge(`The file is larger than the import limit of ${maxBytes} bytes; split it into smaller files`);
  }
  if (running >= MAX_RUNNING_IMPORTS) {
    throw new AppError(503, 'Service unavailable', `${running} imports are running; send the file again when one has finished`, undefined, { 'Retry-After': '10' });
  }
  running += 1;
  const progress = ProgressTracker.for(actor.id, request.progressId, request.contentLength);
  let spool: Spool | undefined;
  try {
    spool = await Spool.create();
    const format = importFormatOf(request.contentType);
    const now = deps.clock.now();
    const book = new PartyBook();
    const problems = new ImportProblems();
    const rows = await checkFile(spool, request, format, now, book, progress, problems, maxBytes, maxRows);
    // What new parties lack is found before any transaction is opened, and told along with the rows' own problems.
    if (!problems.full) await resolveParties(deps.db, book, now, problems);
    if (problems.any) throw problems.refusal();
    if (rows === 0) throw refusedFor(FILE, null, 'holds no calls, only a header');

    await spool.flush();
    progress.phase('storing', spool.bytes);
    return await storeFile(deps, actor, spool, now, book, progress, request.dryRun, rows);
  } finally {
    running -= 1;
    progress.finish();
    await spool?.remove();
  }
}

/**
 * The reading as the body arrives: every check that needs no database. The
 * rows that pass go to the spool for the transaction; the problems go to
 * `problems`. Answers how many rows the file holds.
 */
async function checkFile(
  spool: Spool,
  request: ImportRequest,
  format: ImportFormat,
  now: number,
  book: PartyBook,
  progress: ProgressTracker,
  problems: ImportProblems,
  maxBytes: number,
  maxRows: number,
): Promise<number> {
  const budget = new TickBudget();
  const tooBig = () => tooLarge(`The file is larger than the import limit of ${maxBytes} bytes; split it into smaller files`);
  const incoming = limited(chunksOf(request.body), maxBytes, (bytes) => progress.bytes(bytes), tooBig);
  let rows = 0;
  for await (const raw of readRows(incoming, format, { problems, maxRowBytes: MAX_IMPORT_ROW_BYTES })) {
    rows = raw.place.row;
    if (rows > maxRows) throw tooLarge(`The file holds more than ${maxRows} calls, the most one import takes; split it into smaller files`);
    progress.row();
    const checked = checkRow(raw, now, problems, (mention) => book.note(mention));
    if (problems.full) break;
    // Once one row is wrong nothing will be stored: the rest are only checked.
    if (checked && !problems.any) await spool.add(checked);
    await budget.tick();
  }
  return rows;
}

/** The second reading, inside the one transaction: match, write, and roll back on any problem (or on a dry run). */
async function storeFile(deps: Deps, actor: CurrentUser, spool: Spool, now: number, book: PartyBook, progress: ProgressTracker, dryRun: boolean, rows: number): Promise<ImportResult> {
  const budget = new TickBudget();
  const write = (db: Kysely<Database>) =>
    db.transaction().execute(async (trx) => {
      const problems = new ImportProblems();
      // Again inside the transaction, which makes it the answer that counts.
      const parties = await resolveParties(trx, book, now, problems);
      if (problems.any) throw problems.refusal();
      const store = new RowStore(trx, parties, actor, now, problems, budget);
      await store.addParties();

      for await (const checked of spool.items<CheckedRow>((bytes) => progress.bytes(bytes))) {
        await store.add(checked);
        progress.row();
        if (problems.full) break;
        await budget.tick();
      }
      await store.flush();
      if (problems.any) throw problems.refusal();

      const result: ImportResult = {
        dryRun,
        rows,
        created: { calls: store.created, ministries: parties.newMinistries.length, officials: parties.newOfficials.length },
        skipped: { calls: store.skipped },
      };
      if (dryRun) throw new DryRunDone(result);
      return result;
    });
  return bulkWrite(deps, write).catch((error: unknown) => {
    if (error instanceof DryRunDone) return error.result;
    return orThrow(isUniqueViolation, raced)(error);
  });
}
