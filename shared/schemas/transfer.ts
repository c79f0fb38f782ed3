import { z } from 'zod';
import { type CallRecord as Call, CallCreate, CallListQuery, CallStatus, Channel } from './calls.ts';
import { CountryCode, Id, Problem, TimeZone, Timestamp, text } from './common.ts';
import { MinistryCreate } from './ministries.ts';
import { OfficialCreate, type Party } from './officials.ts';

const call = CallCreate.shape;
const official = OfficialCreate.shape;
const ministry = MinistryCreate.shape;

/**
 * One column of the export/import format: its type in an export, the rule a
 * cell must follow in an import, and where an export takes its value from.
 * `read: false` marks a column the import ignores (a derived figure).
 */
/** A stored call as the format sees it: with its round's title (the file names rounds by title, not id). */
export type TransferCall = Call & { roundTitle: string | null };

interface ColumnSpec<Out extends z.ZodType, In extends z.ZodType> {
  out: Out;
  in: In;
  of: (call: TransferCall) => z.output<Out>;
  read: boolean;
}

function column<Out extends z.ZodType, In extends z.ZodType>(out: Out, input: In, of: (call: TransferCall) => z.output<Out>, read = true): ColumnSpec<Out, In> {
  return { out, in: input, of, read };
}

type Side = 'caller' | 'callee';
const party = (c: Call, side: Side): Party => (side === 'caller' ? c.caller : c.callee);

/** The six columns that name one party of a call. */
function partyColumns<S extends Side>(side: S) {
  return {
    [`${side}Name`]: column(z.string(), official.name, (c) => party(c, side).name),
    [`${side}Title`]: column(z.string(), official.title.optional(), (c) => party(c, side).title),
    [`${side}TimeZone`]: column(TimeZone, official.timeZone.optional(), (c) => party(c, side).timeZone),
    [`${side}Ministry`]: column(z.string(), ministry.name, (c) => party(c, side).ministry.name),
    [`${side}MinistryShortName`]: column(z.string(), ministry.shortName.optional(), (c) => party(c, side).ministry.shortName),
    [`${side}Country`]: column(CountryCode, ministry.country, (c) => party(c, side).ministry.country),
  } as {
    [K in `${S}Name` | `${S}Ministry`]: ColumnSpec<z.ZodString, typeof official.name>;
  } & {
    [K in `${S}Title`]: ColumnSpec<z.ZodString, z.ZodOptional<typeof official.title>>;
  } & {
    [K in `${S}TimeZone`]: ColumnSpec<typeof TimeZone, z.ZodOptional<typeof official.timeZone>>;
  } & {
    [K in `${S}MinistryShortName`]: ColumnSpec<z.ZodString, z.ZodOptional<typeof ministry.shortName>>;
  } & {
    [K in `${S}Country`]: ColumnSpec<typeof CountryCode, typeof ministry.country>;
  };
}

/**
 * THE format, in the column order of SPEC.md: one row per call, with both
 * parties named (not referenced by id), so a file moves between databases.
 * Adding a column is one entry here (in its place in the order): the export
 * writes it, the import validates it, and a re-imported row is compared on
 * it. What the import then does with a new column's value beyond that is the
 * import service's (server/features/transfer/candidates.ts).
 */
const COLUMNS = {
  id: column(Id, Id.optional(), (c) => c.id),
  placedAt: column(Timestamp, call.placedAt, (c) => c.placedAt),
  channel: column(Channel, call.channel, (c) => c.channel),
  topic: column(z.string(), call.topic, (c) => c.topic),
  notes: column(z.string().nullable(), call.notes, (c) => c.notes),
  source: column(z.string().nullable(), call.source, (c) => c.source),
  status: column(CallStatus, call.status, (c) => c.status),
  respondedAt: column(Timestamp.nullable(), call.respondedAt, (c) => c.respondedAt),
  closedAt: column(Timestamp.nullable(), call.closedAt, (c) => c.closedAt),
  responseMs: column(z.number().int().nullable(), z.unknown().optional(), (c) => c.responseMs, false),
  ...partyColumns('caller'),
  ...partyColumns('callee'),
  // The round by its title: matched by title on import, and created when no round has it.
  round: column(z.string().nullable(), text(200).optional(), (c) => c.roundTitle),
  // Derived from the call's attempts, which the format does not carry: the import ignores them.
  attempts: column(z.number().int().min(1), z.unknown().optional(), (c) => c.attempts, false),
  lastAttemptAt: column(Timestamp, z.unknown().optional(), (c) => c.lastAttemptAt, false),
  promisedBy: column(Timestamp.nullable(), call.promisedBy, (c) => c.promisedBy),
  acknowledgedAt: column(Timestamp.nullable(), call.acknowledgedAt, (c) => c.acknowledgedAt),
};
type Columns = typeof COLUMNS;
export type TransferColumn = keyof Columns;

export const TRANSFER_COLUMNS = Object.keys(COLUMNS) as TransferColumn[];

/** The columns the import compares with a stored call of the same id (all it reads but the id). */
export const COMPARED_COLUMNS = TRANSFER_COLUMNS.filter((c) => c !== 'id' && COLUMNS[c].read);

function shapeOf<K extends 'out' | 'in'>(side: K) {
  return Object.fromEntries(TRANSFER_COLUMNS.map((c) => [c, COLUMNS[c][side]])) as { [C in TransferColumn]: Columns[C][K] };
}

/**
 * The columns an import cannot do without. The rest may be left out (or
 * empty): `status` defaults to awaiting as in POST /calls, and a party's
 * title, time zone and ministry short name are needed only to add an
 * official or a ministry that is not stored yet.
 */
export const REQUIRED_IMPORT_COLUMNS = [
  'placedAt',
  'channel',
  'topic',
  'callerName',
  'callerMinistry',
  'callerCountry',
  'calleeName',
  'calleeMinistry',
  'calleeCountry',
] as const satisfies readonly TransferColumn[];

export function isTransferColumn(name: string): name is TransferColumn {
  return Object.hasOwn(COLUMNS, name);
}

/** One exported call; in CSV a null is an empty cell. */
export const TransferRow = z.object(shapeOf('out')).meta({ id: 'TransferRow' });
export type TransferRow = z.infer<typeof TransferRow>;

/** A stored call as a row of the format. */
export function toTransferRow(c: TransferCall): TransferRow {
  return Object.fromEntries(TRANSFER_COLUMNS.map((name) => [name, COLUMNS[name].of(c)])) as TransferRow;
}

export const ExportRows = z.array(TransferRow).meta({ id: 'ExportRows' });

export const ExportFormat = z.enum(['csv', 'json']);
export type ExportFormat = z.infer<typeof ExportFormat>;

/** The filters of GET /calls (without paging: an export is every matching call). */
export const ExportQuery = CallListQuery.pick({ status: true, ministryId: true, officialId: true, from: true, to: true, q: true, roundId: true }).extend({
  format: ExportFormat.default('csv').meta({ description: 'csv (RFC 4180, header row, UTF-8 with a byte-order mark) or json (an array of rows)' }),
});
export type ExportQuery = z.infer<typeof ExportQuery>;

/**
 * One row of an import, after empty cells (and JSON nulls) were dropped.
 * Each field has exactly the rule of POST /calls, POST /officials and
 * POST /ministries; the checks across fields (status and timestamps,
 * caller ≠ callee) are the server's, as for POST /calls. `id`, when given,
 * is kept.
 */
export const ImportRow = z.strictObject(shapeOf('in')).meta({ id: 'ImportRow' });
export type ImportRow = z.output<typeof ImportRow>;

/** A JSON import: the array an export in JSON gives (nulls and the ignored `responseMs` are fine). */
export const ImportJson = z
  .array(z.record(z.string(), z.unknown()))
  .meta({ id: 'ImportJson', description: 'An array of rows with the fields of TransferRow (see ImportRow for the rules)' });

export const ImportQuery = z.strictObject({
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .meta({ description: 'true: check the file and count what it would add and skip, storing nothing' }),
  progressId: Id.optional().meta({ description: 'A name the client picks to follow this import at GET /import/progress/{progressId}' }),
});
export type ImportQuery = z.output<typeof ImportQuery>;

export const ImportResult = z
  .object({
    dryRun: z.boolean().meta({ description: 'true: nothing was stored; the counts say what the import would do' }),
    rows: z.number().int().meta({ description: 'Rows in the file' }),
    created: z.object({
      calls: z.number().int(),
      ministries: z.number().int().meta({ description: 'Ministries the file named that were not stored yet' }),
      officials: z.number().int().meta({ description: 'Officials the file named that were not stored yet' }),
    }),
    skipped: z.object({
      calls: z.number().int().meta({ description: 'Rows already stored: the same id and content, or (without an id) the same caller, callee, placedAt and topic' }),
    }),
  })
  .meta({ id: 'ImportResult' });
export type ImportResult = z.infer<typeof ImportResult>;

export const ImportPhase = z.enum(['receiving', 'storing', 'done']);
export type ImportPhase = z.infer<typeof ImportPhase>;

export const ImportProgress = z
  .object({
    phase: ImportPhase.meta({ description: 'receiving: the file arrives and each row is checked; storing: the rows are matched and written; done' }),
    bytesDone: z.number().int().meta({ description: 'Bytes of the file received (receiving) or written (storing)' }),
    bytesTotal: z.number().int().nullable().meta({ description: 'The size of the file, when known' }),
    rows: z.number().int().meta({ description: 'Rows read so far in this phase' }),
  })
  .meta({ id: 'ImportProgress' });
export type ImportProgress = z.infer<typeof ImportProgress>;

/** One problem of an import: where a person finds it (the line) and what is wrong. */
export const ImportError = z
  .object({
    row: z.number().int().min(1).nullable().meta({ description: 'Data row, counting from 1 after the header (the array position + 1 in JSON); null for a problem with the columns or the file' }),
    line: z
      .number()
      .int()
      .min(1)
      .nullable()
      .meta({ description: 'Where a person finds it: the row number a spreadsheet shows for CSV (the header is line 1), the text line where the item begins for JSON; null for the file as a whole' }),
    column: z.string().nullable().meta({ description: 'The column (field), or null for the whole row or file' }),
    path: z.string().meta({ description: '"rows.<row>.<column>", "columns.<column>" or "" (the file)' }),
    message: z.string(),
  })
  .meta({ id: 'ImportError' });
export type ImportError = z.infer<typeof ImportError>;

export const ImportProblem = Problem.extend({ errors: z.array(ImportError).optional() }).meta({ id: 'ImportProblem' });
export type ImportProblem = z.infer<typeof ImportProblem>;

/** At most this many problems are listed, and checking stops there: a file with more is usually in the wrong format altogether. */
export const MAX_IMPORT_ERRORS = 200;
