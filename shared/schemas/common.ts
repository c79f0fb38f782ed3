import { meta, z } from './zod.ts';

/** Opaque identifier of a stored object (a UUID). */
export const Id = meta(z.string().check(z.minLength(1), z.maxLength(64)), { description: 'Identifier of a stored object' });

/** The path of a route about one stored object: `/…/:id`. */
export const IdParam = z.strictObject({ id: Id });

/**
 * An ISO 8601 instant. Inputs must carry a UTC offset (`Z` or `+03:00`), so an
 * analyst's local wall-clock time is never guessed; impossible calendar dates
 * such as 2013-02-30 are rejected. Outputs are always UTC with `Z`.
 */
export const Timestamp = meta(z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with a UTC offset, e.g. 2013-02-12T14:30:00Z' }), {
  description: 'ISO 8601 date-time with a UTC offset; outputs are UTC (Z)',
  example: '2013-02-12T14:30:00Z',
});

export const Limit = z.coerce
  .number({ message: 'must be a whole number from 1 to 500' })
  .check(
    z.int('must be a whole number from 1 to 500'),
    z.minimum(1, 'must be a whole number from 1 to 500'),
    z.maximum(500, 'must be a whole number from 1 to 500'),
  );

export const Cursor = meta(z.string().check(z.minLength(1), z.maxLength(500)), { description: 'Opaque cursor from a previous page' });

/** The query parameters every list takes. */
export const PageQuery = z.strictObject({
  limit: z._default(Limit, 50),
  cursor: z.optional(Cursor),
});

/** Every list answers `{ items, nextCursor }`; `nextCursor` is null on the last page. */
export function listOf<T extends z.ZodMiniType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.nullable(z.string()) });
}

export const ProblemFieldError = z.object({
  path: meta(z.string(), { description: 'The field, as a dotted path (e.g. "placedAt" or "items.0.name")' }),
  message: z.string(),
});

/** RFC 9457 problem details, the one error shape of the API. */
export const Problem = meta(
  z.object({
    type: z.string(),
    title: z.string(),
    status: z.number().check(z.int()),
    detail: z.string(),
    errors: z.optional(z.array(ProblemFieldError)),
    code: meta(z.optional(z.string()), {
      description:
        'Why, for a client to act on: `mfa_required` (log in again with `code`), `password_change_required`, `mfa_enrolment_required`, `reauthentication_required` (confirm your password or a two-factor code first)',
    }),
    mfaRequired: meta(z.optional(z.boolean()), { description: 'On a login: the password was right; send it again with a two-factor `code`' }),
  }),
  { id: 'Problem' },
);

export type Problem = z.infer<typeof Problem>;

const displayNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

/**
 * Two-letter codes the runtime names but that are not countries: the
 * "Unknown Region", user-assigned and pseudo-locale codes, and groupings
 * such as the EU, the eurozone and the UN.
 */
const NOT_COUNTRIES = new Set(['ZZ', 'EU', 'EZ', 'UN', 'QO', 'XA', 'XB']);

// Names already looked up: an import checks two codes per row, and asking Intl costs microseconds each time.
const knownCountries = new Map<string, string | undefined>();

/** The English name of an ISO 3166-1 alpha-2 country, or undefined when the code is not one. */
export function countryName(code: string): string | undefined {
  if (!/^[A-Z]{2}$/.test(code) || NOT_COUNTRIES.has(code)) return undefined;
  if (knownCountries.has(code)) return knownCountries.get(code);
  const found = displayNames.of(code);
  const name = found && found !== code ? found : undefined;
  // At most 26 × 26 entries.
  knownCountries.set(code, name);
  return name;
}

export const CountryCode = meta(
  z.string().check(
    z.regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code in capitals, e.g. "RU"'),
    z.refine((code) => countryName(code) !== undefined, 'is not an ISO 3166-1 alpha-2 country code'),
  ),
  { description: 'ISO 3166-1 alpha-2 country code', example: 'RU' },
);

// Zones already found valid: building an Intl.DateTimeFormat costs about half a
// millisecond, which an import checking thousands of rows would pay per cell.
// Only valid names are kept, so the set stays as small as the zone database.
const knownZones = new Set<string>();

/** True when the runtime's time zone database knows this IANA zone name. */
export function isTimeZone(zone: string): boolean {
  if (knownZones.has(zone)) return true;
  if (!/^[A-Za-z]+(?:[/_+-][A-Za-z0-9_+-]+)*$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    knownZones.add(zone);
    return true;
  } catch {
    return false;
  }
}

export const TimeZone = meta(z.string().check(z.maxLength(64), z.refine(isTimeZone, 'must be an IANA time zone such as "Europe/Moscow"')), {
  description: 'IANA time zone',
  example: 'Europe/Moscow',
});

/**
 * No stored text may hold U+0000: PostgreSQL's text type cannot, and no name
 * or note needs it. The server also refuses it in any validated request
 * (server/lib/validate.ts); the rule is here too so that everything parsing
 * with these schemas (the import's rows, the client's forms) keeps it.
 */
export function storableText(schema: z.ZodMiniString<string>) {
  return schema.check(z.refine((value) => !value.includes('\u0000'), 'must not contain the character U+0000'));
}

// Scripts that write with zero-width joiners between their letters (Arabic
// and Persian, the Indic scripts, …): there the joiners shape words, elsewhere
// they only hide things (RFC 5892, CONTEXTJ).
const JOINING =
  /[\p{sc=Arabic}\p{sc=Syriac}\p{sc=Nko}\p{sc=Mongolian}\p{sc=Thaana}\p{sc=Devanagari}\p{sc=Bengali}\p{sc=Gurmukhi}\p{sc=Gujarati}\p{sc=Oriya}\p{sc=Tamil}\p{sc=Telugu}\p{sc=Kannada}\p{sc=Malayalam}\p{sc=Sinhala}\p{sc=Myanmar}\p{sc=Khmer}]/u;
const PICTOGRAPH = /\p{Extended_Pictographic}|\uFE0F/u;
// Format (Cf), control (Cc; U+0000 has a rule of its own) and line/paragraph separator characters: the
// text-direction overrides and isolates, zero-width spaces and joiners, the
// byte-order mark, soft hyphens, invisible tags and the like.
const INVISIBLE = /[\p{Cf}\p{Cc}\u2028\u2029]/u;

/**
 * The first character of a name or title that would make it look other than
 * it is: a text-direction control ("‮" turns "gpj.exe" around), or an
 * invisible one that makes two different strings look alike. A zero-width
 * joiner or non-joiner between two letters of a script that needs it (or a
 * joiner inside an emoji) is fine.
 */
export function spoofingCharacter(value: string): { codePoint: string; position: number } | null {
  const chars = [...value];
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i]!;
    if (char === '\u0000' || !INVISIBLE.test(char)) continue;
    const before = chars[i - 1] ?? '';
    const after = chars[i + 1] ?? '';
    if ((char === '\u200C' || char === '\u200D') && JOINING.test(before) && JOINING.test(after)) continue;
    if (char === '\u200D' && PICTOGRAPH.test(before) && PICTOGRAPH.test(after)) continue;
    return { codePoint: `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`, position: i + 1 };
  }
  return null;
}

/**
 * A required line of text (a name, a title): trimmed, not empty, in Unicode
 * NFC (so one name is stored one way, however it was typed), and free of
 * text-direction and invisible characters.
 */
export function text(max: number) {
  return storableText(z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(max, `must be at most ${max} characters`))).check(
    z.overwrite((value: string) => value.normalize('NFC')),
    z.superRefine((value: string, ctx) => {
      const found = spoofingCharacter(value);
      if (found) {
        ctx.addIssue({
          code: 'custom',
          message: `must not contain invisible or text-direction characters (${found.codePoint} at character ${found.position})`,
        });
      }
    }),
  );
}

/** Where the analyst learned of something (a readout, a briefing, a URL): free text. */
export const sourceText = storableText(z.string().check(z.trim(), z.maxLength(2_000, 'must be at most 2000 characters')));
