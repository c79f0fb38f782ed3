import { z } from 'zod';
import { Id, PageQuery, Timestamp, listOf } from './common.ts';

export const EntityType = z.enum(['call', 'official', 'ministry', 'user', 'absence', 'notification', 'round']);
export type EntityType = z.infer<typeof EntityType>;

export const HistoryAction = z.enum(['create', 'update', 'delete']);
export type HistoryAction = z.infer<typeof HistoryAction>;

/** One entry of the append-only audit history. */
export const HistoryEntry = z
  .object({
    seq: z.number().int().meta({ description: 'Position in the history of all changes (grows)' }),
    at: Timestamp,
    actor: z.string().meta({ description: 'Username of who made the change' }),
    actorName: z.string().meta({ description: "Who made the change as the dashboard names them: the user's display name, or `actor` itself when no user has that username (the seed, an import)" }),
    action: HistoryAction,
    entityType: EntityType,
    entityId: Id,
    before: z.record(z.string(), z.unknown()).nullable(),
    after: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: 'HistoryEntry' });
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const HistoryQuery = PageQuery;
export const HistoryList = listOf(HistoryEntry).meta({ id: 'HistoryList' });
