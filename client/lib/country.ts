import { countryName } from '#shared/schemas/common.ts';

/** The flag emoji of an ISO 3166-1 alpha-2 code ("RU" → 🇷🇺), or '' for anything else. */
export function flagEmoji(code: string): string {
  if (!/^[A-Z]{2}$/.test(code)) return '';
  return String.fromCodePoint(...[...code].map((c) => 0x1f1e6 + c.charCodeAt(0) - 65));
}

/** "RU" → "Russia"; a code that names no country stays as it is. */
export function countryLabel(code: string): string {
  return countryName(code) ?? code;
}

let flagSupport: boolean | undefined;

/**
 * Whether this system draws flag emoji in colour. Windows and machines
 * without an emoji font draw two letters or empty boxes instead; there the
 * flag is left out and the code alone is shown.
 */
export function supportsFlagEmoji(): boolean {
  if (flagSupport !== undefined) return flagSupport;
  flagSupport = false;
  if (typeof document === 'undefined' || /jsdom/i.test(navigator.userAgent)) return flagSupport;
  try {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 24;
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) return flagSupport;
    context.font = '20px sans-serif';
    context.textBaseline = 'top';
    context.fillText(flagEmoji('FR'), 0, 0);
    const pixels = context.getImageData(0, 0, 24, 24).data;
    for (let i = 0; i < pixels.length; i += 4) {
      const [r, g, b, a] = [pixels[i]!, pixels[i + 1]!, pixels[i + 2]!, pixels[i + 3]!];
      if (a > 0 && (Math.abs(r - g) > 40 || Math.abs(g - b) > 40)) return (flagSupport = true);
    }
  } catch {
    flagSupport = false;
  }
  return flagSupport;
}

let countries: readonly { code: string; name: string }[] | undefined;

/**
 * Every ISO 3166-1 alpha-2 country this browser can name, by name: the
 * runtime's own region data (through the rule the server validates codes
 * with), so no list of countries is shipped or goes stale.
 */
export function allCountries(): readonly { code: string; name: string }[] {
  if (countries) return countries;
  const found: { code: string; name: string }[] = [];
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      const name = countryName(code);
      if (name) found.push({ code, name });
    }
  }
  countries = found.sort((x, y) => x.name.localeCompare(y.name));
  return countries;
}
