import { z } from 'zod';
import { CallCreate, CallListQuery, CallStatus, Channel } from './calls.ts';
import { CountryCode, Id, Problem, TimeZone, Timestamp } from './common.ts';
import { MinistryCreate } from './ministries.ts';
import { OfficialCreate } from './officials.ts';

/**
 * The columns of the export/import format, in the order of SPEC.md: one row
 * per call, with both parties named (not referenced by id), so a file moves
 * between databases.
 */
export const TRANSFER_COLUMNS = [
  'id',
  'placedAt',
  'channel',
  'topic',
  'notes',
  'source',
  'status',
  'respondedAt',
  'closedAt',
  'responseMs',
  'callerName',
  'callerTitle',
  'callerTimeZone',
  'callerMinistry',
  'callerMinistryShortName',
  'callerCountry',
  'calleeName',
  'calleeTitle',
  'calleeTimeZone',
  'calleeMinistry',
  'calleeMinistryShortName',
  'calleeCountry',
] as const;
export type TransferColumn = (typeof TRANSFER_COLUMNS)[number];

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
  return (TRANSFER_COLUMNS as readonly string[]).includes(name);
}

/** One exported call; in CSV a null is an empty cell. */
export const TransferRow = z
  .object({
    id: Id,
    placedAt: Timestamp,
    channel: Channel,
    topic: z.string(),
    notes: z.string().nullable(),
    source: z.string().nullable(),
    status: CallStatus,
    respondedAt: Timestamp.nullable(),
    closedAt: Timestamp.nullable(),
    responseMs: z.number().int().nullable(),
    callerName: z.string(),
    callerTitle: z.string(),
    callerTimeZone: TimeZone,
    callerMinistry: z.string(),
    callerMinistryShortName: z.string(),
    callerCountry: CountryCode,
    calleeName: z.string(),
    calleeTitle: z.string(),
    calleeTimeZone: TimeZone,
    calleeMinistry: z.string(),
    calleeMinistryShortName: z.string(),
    calleeCountry: CountryCode,
  })
  .meta({ id: 'TransferRow' });
export type TransferRow = z.infer<typeof TransferRow>;

export const ExportRows = z.array(TransferRow).meta({ id: 'ExportRows' });

export const ExportFormat = z.enum(['csv', 'json']);
export type ExportFormat = z.infer<typeof ExportFormat>;

/** The filters of GET /calls (without paging: an export is every matching call). */
export const ExportQuery = CallListQuery.pick({ status: true, ministryId: true, officialId: true, from: true, to: true, q: true }).extend({
  format: ExportFormat.default('csv').meta({ description: 'csv (RFC 4180, header row, UTF-8) or json (an array of rows)' }),
});
export type ExportQuery = z.infer<typeof ExportQuery>;

const call = CallCreate.shape;
const official = OfficialCreate.shape;
const ministry = MinistryCreate.shape;

/**
 * One row of an import, after empty cells (and JSON nulls) were dropped.
 * Each field has exactly the rule of POST /calls, POST /officials and
 * POST /ministries; the checks across fields (status and timestamps,
 * caller ≠ callee) are the server's, as for POST /calls.
 */
export const ImportRow = z
  .strictObject({
    id: z.unknown().optional(),
    responseMs: z.unknown().optional(),
    placedAt: call.placedAt,
    channel: call.channel,
    topic: call.topic,
    notes: call.notes,
    source: call.source,
    status: call.status,
    respondedAt: call.respondedAt,
    closedAt: call.closedAt,
    callerName: official.name,
    callerTitle: official.title.optional(),
    callerTimeZone: official.timeZone.optional(),
    callerMinistry: ministry.name,
    callerMinistryShortName: ministry.shortName.optional(),
    callerCountry: ministry.country,
    calleeName: official.name,
    calleeTitle: official.title.optional(),
    calleeTimeZone: official.timeZone.optional(),
    calleeMinistry: ministry.name,
    calleeMinistryShortName: ministry.shortName.optional(),
    calleeCountry: ministry.country,
  })
  .meta({ id: 'ImportRow' });
export type ImportRow = z.output<typeof ImportRow>;

/** A JSON import: the array an export in JSON gives (nulls and extra `id`/`responseMs` are fine). */
export const ImportJson = z
  .array(z.record(z.string(), z.unknown()))
  .meta({ id: 'ImportJson', description: 'An array of rows with the fields of TransferRow (see ImportRow for the rules)' });

export const ImportResult = z
  .object({
    created: z.object({
      calls: z.number().int(),
      ministries: z.number().int().meta({ description: 'Ministries the file named that were not stored yet' }),
      officials: z.number().int().meta({ description: 'Officials the file named that were not stored yet' }),
    }),
  })
  .meta({ id: 'ImportResult' });
export type ImportResult = z.infer<typeof ImportResult>;

/** One problem of an import: the row and column a spreadsheet user can find. */
export const ImportError = z
  .object({
    row: z.number().int().min(1).nullable().meta({ description: 'Data row, counting from 1 after the header (the array position + 1 in JSON); null for a problem with the columns or the file' }),
    column: z.string().nullable().meta({ description: 'The column (field), or null for the whole row or file' }),
    path: z.string().meta({ description: '"rows.<row>.<column>", "columns.<column>" or "" (the file)' }),
    message: z.string(),
  })
  .meta({ id: 'ImportError' });
export type ImportError = z.infer<typeof ImportError>;

export const ImportProblem = Problem.extend({ errors: z.array(ImportError).optional() }).meta({ id: 'ImportProblem' });
export type ImportProblem = z.infer<typeof ImportProblem>;

/** At most this many problems are listed; a file with more is usually in the wrong format altogether. */
export const MAX_IMPORT_ERRORS = 200;
