import { meta, z } from './zod.ts';
import { Id, PageQuery, Timestamp, listOf } from './common.ts';

export const EntityType = z.enum(['call', 'official', 'ministry', 'user', 'absence', 'notification', 'round']);
export type EntityType = z.infer<typeof EntityType>;

export const HistoryAction = z.enum(['create', 'update', 'delete']);
export type HistoryAction = z.infer<typeof HistoryAction>;

/** One entry of the append-only audit history. */
export const HistoryEntry = meta(
  z.object({
    seq: meta(z.number().check(z.int()), { description: 'Position in the history of all changes (grows)' }),
    at: Timestamp,
    actor: meta(z.string(), { description: 'Username of who made the change' }),
    actorName: meta(z.string(), {
      description:
        "Who made the change as the dashboard names them: the user's display name, or `actor` itself when no user has that username (the seed, an import)",
    }),
    action: HistoryAction,
    entityType: EntityType,
    entityId: Id,
    before: z.nullable(z.record(z.string(), z.unknown())),
    after: z.nullable(z.record(z.string(), z.unknown())),
  }),
  { id: 'HistoryEntry' },
);
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const HistoryQuery = PageQuery;
export const HistoryList = meta(listOf(HistoryEntry), { id: 'HistoryList' });
