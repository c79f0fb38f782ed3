import { z } from 'zod';
import { Id, PageQuery, TimeZone, Timestamp, listOf, text } from './common.ts';
import { Ministry } from './ministries.ts';

/** The ministry as embedded in officials and calls. */
export const MinistrySummary = Ministry.pick({ id: true, name: true, shortName: true, country: true }).meta({
  id: 'MinistrySummary',
});
export type MinistrySummary = z.infer<typeof MinistrySummary>;

export const Official = z
  .object({
    id: Id,
    name: z.string().meta({ example: 'Sergei Lavrov' }),
    title: z.string().meta({ example: 'Minister of Foreign Affairs' }),
    ministryId: Id,
    timeZone: TimeZone,
    ministry: MinistrySummary,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Official' });
export type Official = z.infer<typeof Official>;

export const OfficialCreate = z
  .strictObject({
    name: text(200),
    title: text(200),
    ministryId: Id,
    timeZone: TimeZone,
  })
  .meta({ id: 'OfficialCreate' });
export type OfficialCreate = z.infer<typeof OfficialCreate>;

export const OfficialPatch = OfficialCreate.partial().meta({ id: 'OfficialPatch' });
export type OfficialPatch = z.infer<typeof OfficialPatch>;

export const OfficialListQuery = PageQuery.extend({
  q: z.string().trim().max(200).optional().meta({ description: 'Text in the name or title' }),
  ministryId: Id.optional(),
});
export type OfficialListQuery = z.infer<typeof OfficialListQuery>;

export const OfficialList = listOf(Official).meta({ id: 'OfficialList' });

/** Caller or callee as embedded in a call. */
export const Party = Official.pick({ id: true, name: true, title: true, timeZone: true, ministry: true }).meta({
  id: 'Party',
});
export type Party = z.infer<typeof Party>;

/**
 * The contact history between an official and one counterpart: every call
 * between the two, whichever of them placed it.
 */
export const OfficialContact = z
  .object({
    counterpart: Party,
    attempts: z.number().int().meta({ description: 'Calls between the two, either way' }),
    outgoing: z.number().int().meta({ description: 'Of those, calls this official placed to the counterpart' }),
    incoming: z.number().int().meta({ description: 'Of those, calls the counterpart placed to this official' }),
    replies: z.number().int().meta({ description: 'Calls that got a reply (answered, returned or declined)' }),
    awaiting: z.number().int().meta({ description: 'Calls still awaiting a reply' }),
    lastContactAt: Timestamp.nullable().meta({ description: 'The latest respondedAt of a replied call between them; null when none was replied' }),
    lastAttemptAt: Timestamp.meta({ description: 'The latest placedAt of a call between them' }),
  })
  .meta({ id: 'OfficialContact' });
export type OfficialContact = z.infer<typeof OfficialContact>;

export const OfficialContactQuery = PageQuery;
export type OfficialContactQuery = z.infer<typeof OfficialContactQuery>;

/** Counterparts, most recently attempted first. */
export const OfficialContactList = listOf(OfficialContact).meta({ id: 'OfficialContactList' });
