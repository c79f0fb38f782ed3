import { meta, z } from './zod.ts';
import { ExtraHolidays, WorkingHours } from './availability.ts';
import { CountryCode, Id, PageQuery, Timestamp, listOf, text } from './common.ts';

export const Ministry = meta(
  z.object({
    id: Id,
    name: meta(z.string(), { example: 'Ministry of Foreign Affairs of the Russian Federation' }),
    shortName: meta(z.string(), { example: 'MFA Russia' }),
    country: CountryCode,
    workingHours: WorkingHours,
    countryHolidays: meta(z.boolean(), { description: 'Whether the public holidays of its country are days off' }),
    extraHolidays: meta(z.array(z.string()), { description: 'Further local dates "YYYY-MM-DD" off, sorted' }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  }),
  { id: 'Ministry' },
);
export type Ministry = z.infer<typeof Ministry>;

export const MinistryCreate = meta(
  z.strictObject({
    name: text(200),
    shortName: text(60),
    country: CountryCode,
    workingHours: meta(z.optional(WorkingHours), { description: 'Default: Monday to Friday 09:00–18:00' }),
    countryHolidays: meta(z.optional(z.boolean()), { description: 'Default: true' }),
    extraHolidays: meta(z.optional(ExtraHolidays), { description: 'Default: none' }),
  }),
  { id: 'MinistryCreate' },
);
export type MinistryCreate = z.infer<typeof MinistryCreate>;

export const MinistryPatch = meta(z.partial(MinistryCreate), { id: 'MinistryPatch' });
export type MinistryPatch = z.infer<typeof MinistryPatch>;

export const MinistryListQuery = z.extend(PageQuery, {
  q: meta(z.optional(z.string().check(z.trim(), z.maxLength(200))), { description: 'Text in the name or short name' }),
  country: z.optional(CountryCode),
});
export type MinistryListQuery = z.infer<typeof MinistryListQuery>;

export const MinistryList = meta(listOf(Ministry), { id: 'MinistryList' });
