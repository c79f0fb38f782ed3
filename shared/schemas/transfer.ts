import { meta, z } from './zod.ts';
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

interface ColumnSpec<Out extends z.ZodMiniType, In extends z.ZodMiniType> {
  out: Out;
  in: In;
  of: (call: TransferCall) => z.output<Out>;
  read: boolean;
}

function column<Out extends z.ZodMiniType, In extends z.ZodMiniType>(
  out: Out,
  input: In,
  of: (call: TransferCall) => z.output<Out>,
  read = true,
): ColumnSpec<Out, In> {
  return { out, in: input, of, read };
}

type Side = 'caller' | 'callee';
const party = (c: Call, side: Side): Party => (side === 'caller' ? c.caller : c.callee);

/** The six columns that name one party of a call. */
function partyColumns<S extends Side>(side: S) {
  return {
    [`${side}Name`]: column(z.string(), official.name, (c) => party(c, side).name),
    [`${side}Title`]: column(z.string(), z.optional(official.title), (c) => party(c, side).title),
    [`${side}TimeZone`]: column(TimeZone, z.optional(official.timeZone), (c) => party(c, side).timeZone),
    [`${side}Ministry`]: column(z.string(), ministry.name, (c) => party(c, side).ministry.name),
    [`${side}MinistryShortName`]: column(z.string(), z.optional(ministry.shortName), (c) => party(c, side).ministry.shortName),
    [`${side}Country`]: column(CountryCode, ministry.country, (c) => party(c, side).ministry.country),
  } as {
    [K in `${S}Name` | `${S}Ministry`]: ColumnSpec<z.ZodMiniString<string>, typeof official.name>;
  } & {
    [K in `${S}Title`]: ColumnSpec<z.ZodMiniString<string>, z.ZodMiniOptional<typeof official.title>>;
  } & {
    [K in `${S}TimeZone`]: ColumnSpec<typeof TimeZone, z.ZodMiniOptional<typeof official.timeZone>>;
  } & {
    [K in `${S}MinistryShortName`]: ColumnSpec<z.ZodMiniString<string>, z.ZodMiniOptional<typeof ministry.shortName>>;
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
  id: column(Id, z.optional(Id), (c) => c.id),
  placedAt: column(Timestamp, call.placedAt, (c) => c.placedAt),
  channel: column(Channel, call.channel, (c) => c.channel),
  topic: column(z.string(), call.topic, (c) => c.topic),
  notes: column(z.nullable(z.string()), call.notes, (c) => c.notes),
  source: column(z.nullable(z.string()), call.source, (c) => c.source),
  status: column(CallStatus, call.status, (c) => c.status),
  respondedAt: column(z.nullable(Timestamp), call.respondedAt, (c) => c.respondedAt),
  closedAt: column(z.nullable(Timestamp), call.closedAt, (c) => c.closedAt),
  responseMs: column(z.nullable(z.number().check(z.int())), z.optional(z.unknown()), (c) => c.responseMs, false),
  ...partyColumns('caller'),
  ...partyColumns('callee'),
  // The round by its title: matched by title on import, and created when no round has it.
  round: column(z.nullable(z.string()), z.optional(text(200)), (c) => c.roundTitle),
  // Derived from the call's attempts, which the format does not carry: the import ignores them.
  attempts: column(z.number().check(z.int(), z.minimum(1)), z.optional(z.unknown()), (c) => c.attempts, false),
  lastAttemptAt: column(Timestamp, z.optional(z.unknown()), (c) => c.lastAttemptAt, false),
  promisedBy: column(z.nullable(Timestamp), call.promisedBy, (c) => c.promisedBy),
  acknowledgedAt: column(z.nullable(Timestamp), call.acknowledgedAt, (c) => c.acknowledgedAt),
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
export const TransferRow = meta(z.object(shapeOf('out')), { id: 'TransferRow' });
export type TransferRow = z.infer<typeof TransferRow>;

/** A stored call as a row of the format. */
export function toTransferRow(c: TransferCall): TransferRow {
  return Object.fromEntries(TRANSFER_COLUMNS.map((name) => [name, COLUMNS[name].of(c)])) as TransferRow;
}

export const ExportRows = meta(z.array(TransferRow), { id: 'ExportRows' });

export const ExportFormat = z.enum(['csv', 'json']);
export type ExportFormat = z.infer<typeof ExportFormat>;

/** The filters of GET /calls (without paging: an export is every matching call). */
export const ExportQuery = z.extend(z.pick(CallListQuery, { status: true, ministryId: true, officialId: true, from: true, to: true, q: true, roundId: true }), {
  format: meta(z._default(ExportFormat, 'csv'), { description: 'csv (RFC 4180, header row, UTF-8 with a byte-order mark) or json (an array of rows)' }),
});
export type ExportQuery = z.infer<typeof ExportQuery>;

/**
 * One row of an import, after empty cells (and JSON nulls) were dropped.
 * Each field has exactly the rule of POST /calls, POST /officials and
 * POST /ministries; the checks across fields (status and timestamps,
 * caller ≠ callee) are the server's, as for POST /calls. `id`, when given,
 * is kept.
 */
export const ImportRow = meta(z.strictObject(shapeOf('in')), { id: 'ImportRow' });
export type ImportRow = z.output<typeof ImportRow>;

/** A JSON import: the array an export in JSON gives (nulls and the ignored `responseMs` are fine). */
export const ImportJson = meta(z.array(z.record(z.string(), z.unknown())), {
  id: 'ImportJson',
  description: 'An array of rows with the fields of TransferRow (see ImportRow for the rules)',
});

export const ImportQuery = z.strictObject({
  dryRun: meta(
    z.pipe(
      z._default(z.enum(['true', 'false']), 'false'),
      z.transform((v) => v === 'true'),
    ),
    { description: 'true: check the file and count what it would add and skip, storing nothing' },
  ),
  progressId: meta(z.optional(Id), { description: 'A name the client picks to follow this import at GET /import/progress/{progressId}' }),
});
export type ImportQuery = z.output<typeof ImportQuery>;

export const ImportResult = meta(
  z.object({
    dryRun: meta(z.boolean(), { description: 'true: nothing was stored; the counts say what the import would do' }),
    rows: meta(z.number().check(z.int()), { description: 'Rows in the file' }),
    created: z.object({
      calls: z.number().check(z.int()),
      ministries: meta(z.number().check(z.int()), { description: 'Ministries the file named that were not stored yet' }),
      officials: meta(z.number().check(z.int()), { description: 'Officials the file named that were not stored yet' }),
    }),
    skipped: z.object({
      calls: meta(z.number().check(z.int()), {
        description: 'Rows already stored: the same id and content, or (without an id) the same caller, callee, placedAt and topic',
      }),
    }),
  }),
  { id: 'ImportResult' },
);
export type ImportResult = z.infer<typeof ImportResult>;

export const ImportPhase = z.enum(['receiving', 'storing', 'done']);
export type ImportPhase = z.infer<typeof ImportPhase>;

export const ImportProgress = meta(
  z.object({
    phase: meta(ImportPhase, { description: 'receiving: the file arrives and each row is checked; storing: the rows are matched and written; done' }),
    bytesDone: meta(z.number().check(z.int()), { description: 'Bytes of the file received (receiving) or written (storing)' }),
    bytesTotal: meta(z.nullable(z.number().check(z.int())), { description: 'The size of the file, when known' }),
    rows: meta(z.number().check(z.int()), { description: 'Rows read so far in this phase' }),
  }),
  { id: 'ImportProgress' },
);
export type ImportProgress = z.infer<typeof ImportProgress>;

/** One problem of an import: where a person finds it (the line) and what is wrong. */
export const ImportError = meta(
  z.object({
    row: meta(z.nullable(z.number().check(z.int(), z.minimum(1))), {
      description: 'Data row, counting from 1 after the header (the array position + 1 in JSON); null for a problem with the columns or the file',
    }),
    line: meta(z.nullable(z.number().check(z.int(), z.minimum(1))), {
      description:
        'Where a person finds it: the row number a spreadsheet shows for CSV (the header is line 1), the text line where the item begins for JSON; null for the file as a whole',
    }),
    column: meta(z.nullable(z.string()), { description: 'The column (field), or null for the whole row or file' }),
    path: meta(z.string(), { description: '"rows.<row>.<column>", "columns.<column>" or "" (the file)' }),
    message: z.string(),
  }),
  { id: 'ImportError' },
);
export type ImportError = z.infer<typeof ImportError>;

export const ImportProblem = meta(z.extend(Problem, { errors: z.optional(z.array(ImportError)) }), { id: 'ImportProblem' });
export type ImportProblem = z.infer<typeof ImportProblem>;

/** At most this many problems are listed, and checking stops there: a file with more is usually in the wrong format altogether. */
export const MAX_IMPORT_ERRORS = 200;
