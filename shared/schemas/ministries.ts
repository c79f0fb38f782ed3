import { z } from 'zod';
import { ExtraHolidays, WorkingHours } from './availability.ts';
import { CountryCode, Id, PageQuery, Timestamp, listOf, text } from './common.ts';

export const Ministry = z
  .object({
    id: Id,
    name: z.string().meta({ example: 'Ministry of Foreign Affairs of the Russian Federation' }),
    shortName: z.string().meta({ example: 'MFA Russia' }),
    country: CountryCode,
    workingHours: WorkingHours,
    countryHolidays: z.boolean().meta({ description: 'Whether the public holidays of its country are days off' }),
    extraHolidays: z.array(z.string()).meta({ description: 'Further local dates "YYYY-MM-DD" off, sorted' }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Ministry' });
export type Ministry = z.infer<typeof Ministry>;

export const MinistryCreate = z
  .strictObject({
    name: text(200),
    shortName: text(60),
    country: CountryCode,
    workingHours: WorkingHours.optional().meta({ description: 'Default: Monday to Friday 09:00–18:00' }),
    countryHolidays: z.boolean().optional().meta({ description: 'Default: true' }),
    extraHolidays: ExtraHolidays.optional().meta({ description: 'Default: none' }),
  })
  .meta({ id: 'MinistryCreate' });
export type MinistryCreate = z.infer<typeof MinistryCreate>;

export const MinistryPatch = MinistryCreate.partial().meta({ id: 'MinistryPatch' });
export type MinistryPatch = z.infer<typeof MinistryPatch>;

export const MinistryListQuery = PageQuery.extend({
  q: z.string().trim().max(200).optional().meta({ description: 'Text in the name or short name' }),
  country: CountryCode.optional(),
});
export type MinistryListQuery = z.infer<typeof MinistryListQuery>;

export const MinistryList = listOf(Ministry).meta({ id: 'MinistryList' });
