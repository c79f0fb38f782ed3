import { countryName } from '#shared/schemas/common.ts';

let cache: { code: string; name: string }[] | undefined;

/**
 * Every ISO 3166-1 alpha-2 region this browser can name, by name: the
 * runtime's own region data, so no list of countries is shipped or goes stale.
 */
export function allCountries(): { code: string; name: string }[] {
  if (cache) return cache;
  const result: { code: string; name: string }[] = [];
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      const name = countryName(code);
      // XA/XB are the pseudo-locales' test regions, not places.
      if (name && code !== 'XA' && code !== 'XB') result.push({ code, name });
    }
  }
  cache = result.sort((x, y) => x.name.localeCompare(y.name));
  return cache;
}
