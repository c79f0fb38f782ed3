let zones: readonly string[] | undefined;

/** The IANA zones this browser knows (the same database the server validates against, give or take a release). */
export function allTimeZones(): readonly string[] {
  if (!zones) {
    let list: string[] = [];
    try {
      list = Intl.supportedValuesOf('timeZone');
    } catch {
      list = [];
    }
    zones = list.includes('UTC') ? list : [...list, 'UTC'];
  }
  return zones;
}

/**
 * Zones matching what the analyst typed: "new york", "Europe/Mos", "kolkata".
 * Spaces count as underscores; zones whose city starts with the text come first.
 */
export function searchTimeZones(text: string, limit = 40): string[] {
  const q = text.trim().toLowerCase().replace(/\s+/g, '_');
  const all = allTimeZones();
  if (!q) return all.slice(0, limit);
  const starts: string[] = [];
  const contains: string[] = [];
  for (const zone of all) {
    const lower = zone.toLowerCase();
    const city = lower.slice(lower.lastIndexOf('/') + 1);
    if (city.startsWith(q) || lower.startsWith(q)) starts.push(zone);
    else if (lower.includes(q)) contains.push(zone);
  }
  return [...starts, ...contains].slice(0, limit);
}

/** The zone whose name is exactly this text, ignoring case ("europe/moscow" → "Europe/Moscow"). */
export function exactTimeZone(text: string): string | undefined {
  const lower = text.trim().toLowerCase();
  return allTimeZones().find((zone) => zone.toLowerCase() === lower);
}

/** The viewer's own zone, e.g. "America/New_York". */
export function viewerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * For the countries that span several zones: where the government sits (the
 * capital's zone), listed under each name the zone goes by in one release or
 * another of the time-zone database.
 */
const CAPITAL_ZONES: Record<string, readonly string[]> = {
  AR: ['America/Argentina/Buenos_Aires', 'America/Buenos_Aires'],
  AU: ['Australia/Sydney'],
  BR: ['America/Sao_Paulo'],
  CA: ['America/Toronto'],
  CD: ['Africa/Kinshasa'],
  CL: ['America/Santiago'],
  CN: ['Asia/Shanghai'],
  CY: ['Asia/Nicosia'],
  DE: ['Europe/Berlin'],
  EC: ['America/Guayaquil'],
  ES: ['Europe/Madrid'],
  FM: ['Pacific/Pohnpei', 'Pacific/Ponape'],
  GL: ['America/Nuuk', 'America/Godthab'],
  ID: ['Asia/Jakarta'],
  KI: ['Pacific/Tarawa'],
  KZ: ['Asia/Almaty'],
  MH: ['Pacific/Majuro'],
  MN: ['Asia/Ulaanbaatar'],
  MX: ['America/Mexico_City'],
  MY: ['Asia/Kuala_Lumpur'],
  NZ: ['Pacific/Auckland'],
  PF: ['Pacific/Tahiti'],
  PG: ['Pacific/Port_Moresby'],
  PS: ['Asia/Hebron'],
  PT: ['Europe/Lisbon'],
  RU: ['Europe/Moscow'],
  UA: ['Europe/Kyiv', 'Europe/Kiev'],
  US: ['America/New_York'],
  UZ: ['Asia/Tashkent'],
};

/** The zones of an ISO 3166-1 alpha-2 country, from the browser's own data ("RU" → Asia/Anadyr … Europe/Moscow …). */
export function countryTimeZones(country: string): string[] {
  if (!/^[A-Z]{2}$/.test(country)) return [];
  try {
    // `getTimeZones()` in newer engines, the `timeZones` getter in older ones.
    const locale = new Intl.Locale(`und-${country}`) as Intl.Locale & { getTimeZones?: () => string[]; timeZones?: string[] };
    const known = new Set(allTimeZones());
    return (locale.getTimeZones?.() ?? locale.timeZones ?? []).filter((zone) => known.has(zone));
  } catch {
    return [];
  }
}

/**
 * The zone to offer for an official of a ministry in this country: its only
 * zone, or the capital's where it has several; undefined when there is no
 * telling (nothing is better than a wrong guess).
 */
export function suggestedTimeZone(country: string): string | undefined {
  const zones = countryTimeZones(country);
  if (zones.length === 1) return zones[0];
  const known = new Set(allTimeZones());
  return CAPITAL_ZONES[country]?.find((zone) => known.has(zone));
}
