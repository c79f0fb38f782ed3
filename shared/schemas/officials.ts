import { meta, z } from './zod.ts';
import { Id, PageQuery, TimeZone, Timestamp, listOf, text } from './common.ts';
import { Ministry } from './ministries.ts';

/** The ministry as embedded in officials and calls. */
export const MinistrySummary = meta(z.pick(Ministry, { id: true, name: true, shortName: true, country: true }), {
  id: 'MinistrySummary',
});
export type MinistrySummary = z.infer<typeof MinistrySummary>;

export const Official = meta(
  z.object({
    id: Id,
    name: meta(z.string(), { example: 'Sergei Lavrov' }),
    title: meta(z.string(), { example: 'Minister of Foreign Affairs' }),
    ministryId: Id,
    timeZone: TimeZone,
    ministry: MinistrySummary,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  }),
  { id: 'Official' },
);
export type Official = z.infer<typeof Official>;

export const OfficialCreate = meta(
  z.strictObject({
    name: text(200),
    title: text(200),
    ministryId: Id,
    timeZone: TimeZone,
  }),
  { id: 'OfficialCreate' },
);
export type OfficialCreate = z.infer<typeof OfficialCreate>;

export const OfficialPatch = meta(z.partial(OfficialCreate), { id: 'OfficialPatch' });
export type OfficialPatch = z.infer<typeof OfficialPatch>;

export const OfficialListQuery = z.extend(PageQuery, {
  q: meta(z.optional(z.string().check(z.trim(), z.maxLength(200))), { description: 'Text in the name or title' }),
  ministryId: z.optional(Id),
});
export type OfficialListQuery = z.infer<typeof OfficialListQuery>;

export const OfficialList = meta(listOf(Official), { id: 'OfficialList' });

/** Caller or callee as embedded in a call. */
export const Party = meta(z.pick(Official, { id: true, name: true, title: true, timeZone: true, ministry: true }), {
  id: 'Party',
});
export type Party = z.infer<typeof Party>;

/**
 * The contact history between an official and one counterpart: every call
 * between the two, whichever of them placed it.
 */
export const OfficialContact = meta(
  z.object({
    counterpart: Party,
    attempts: meta(z.number().check(z.int()), { description: 'Calls between the two, either way' }),
    outgoing: meta(z.number().check(z.int()), { description: 'Of those, calls this official placed to the counterpart' }),
    incoming: meta(z.number().check(z.int()), { description: 'Of those, calls the counterpart placed to this official' }),
    replies: meta(z.number().check(z.int()), { description: 'Calls that got a reply (answered, returned or declined)' }),
    awaiting: meta(z.number().check(z.int()), { description: 'Calls still awaiting a reply' }),
    lastContactAt: meta(z.nullable(Timestamp), { description: 'The latest respondedAt of a replied call between them; null when none was replied' }),
    lastAttemptAt: meta(Timestamp, { description: 'The latest placedAt of a call between them' }),
  }),
  { id: 'OfficialContact' },
);
export type OfficialContact = z.infer<typeof OfficialContact>;

export const OfficialContactQuery = PageQuery;
export type OfficialContactQuery = z.infer<typeof OfficialContactQuery>;

/** Counterparts, most recently attempted first. */
export const OfficialContactList = meta(listOf(OfficialContact), { id: 'OfficialContactList' });
