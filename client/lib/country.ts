/** The flag emoji of an ISO 3166-1 alpha-2 code ("RU" → 🇷🇺), or '' for anything else. */
export function flagEmoji(code: string): string {
  if (!/^[A-Z]{2}$/.test(code)) return '';
  return String.fromCodePoint(...[...code].map((c) => 0x1f1e6 + c.charCodeAt(0) - 65));
}

const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });

/** "RU" → "Russia". */
export function countryLabel(code: string): string {
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
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

let allCountries: readonly { code: string; name: string }[] | undefined;

/** Every ISO 3166-1 alpha-2 region this browser can name, sorted by name. */
export function countryOptions(): readonly { code: string; name: string }[] {
  if (allCountries) return allCountries;
  const strict = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  const found: { code: string; name: string }[] = [];
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      const name = strict.of(code);
      if (name && name !== code && !/^(EU|EZ|UN|QO|XA|XB|ZZ)$/.test(code)) found.push({ code, name });
    }
  }
  allCountries = found.sort((x, y) => x.name.localeCompare(y.name));
  return allCountries;
}
