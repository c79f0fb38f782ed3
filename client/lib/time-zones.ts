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
