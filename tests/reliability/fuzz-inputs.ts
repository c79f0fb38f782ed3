// Hostile inputs for the fuzz test: a seeded generator, so every failure
// can be reproduced by running the suite again.

export type Random = () => number;

/** mulberry32: tiny, fast, and the same sequence for the same seed everywhere. */
export function seeded(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

export const HOSTILE_STRINGS: readonly string[] = [
  '', ' ', '\t\n ', 'a', 'x'.repeat(501), 'y'.repeat(20_001), 'z'.repeat(100_000),
  'Лавров', '王毅', '🙂‍↔️👩🏽‍💻', '\u202Egnp.exe', 'e\u0301', '\uFEFFbom', '\u0000', 'a\u0000b', '\u0007\u001b[31m', '\ud800', '\udfff\ud800',
  'null', 'undefined', 'NaN', 'Infinity', '0', '-1', '1e309', 'true', '[]', '{}',
  "' or 1=1 --", '"; drop table calls; --', '%', '_', '\\', '%_\\%', '"', "'", '<script>alert(1)</script>', '${7*7}', '../../etc/passwd',
  '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty',
  '2013-02-30T00:00:00Z', '2013-02-12T15:00:00+25:00', '2013-02-12T15:00:00+14:00', '9999-12-31T23:59:59Z', '0000-01-01T00:00:00Z',
  '2013-02-12', '2013-02-12T15:00:00', '2013-02-12T24:00:00Z', '2013-02-12T23:59:60Z', '+275760-09-13T00:00:00Z', '-000001-01-01T00:00:00Z',
  '2013-02-12T15:00:00.123456789Z', '2013-02-12 15:00:00Z', '2013-02-12T15:00:00z', '1970-01-01T00:00:00Z', '2013-02-12T15:00:00-00:00',
  'Europe/Moscow', 'Etc/GMT+99', 'America/Argentina/ComodRivadavia', 'Local', 'UTC', 'RU', 'XX', 'ru', 'EU', 'ZZZ',
  'awaiting', 'answered', 'returned,declined', ',,,', 'awaiting,bogus', 'phone', 'in_person', 'admin', 'analyst', 'viewer', 'asc', 'DESC',
];

const NUMBERS: readonly number[] = [0, -0, 1, -1, 1.5, 500, 501, 1e21, 1e308, -1e308, 2 ** 53 + 2, Number.MIN_VALUE];

/** Any JSON value, weighted towards the kinds that break parsers and validators. */
export function hostileValue(random: Random, depth = 0): unknown {
  const roll = random();
  if (roll < 0.12) return null;
  if (roll < 0.2) return random() < 0.5;
  if (roll < 0.35) return pick(random, NUMBERS);
  if (roll < 0.75 || depth > 2) return pick(random, HOSTILE_STRINGS);
  if (roll < 0.85) return Array.from({ length: Math.floor(random() * 4) }, () => hostileValue(random, depth + 1));
  if (roll < 0.92) return nested(Math.floor(random() * 2000) + 1, random() < 0.5);
  const object: Record<string, unknown> = {};
  for (let i = Math.floor(random() * 4); i > 0; i--) setOwn(object, pick(random, KEYS), hostileValue(random, depth + 1));
  return object;
}

/** An array or object nested this deep. */
function nested(depth: number, asArray: boolean): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = asArray ? [value] : { a: value };
  return value;
}

/** Keys that must never be taken: prototype pollution, read-only and privileged fields. */
export const KEYS: readonly string[] = [
  '__proto__', 'constructor', 'prototype', 'role', 'createdBy', 'responseMs', 'id', 'version', 'createdAt', 'password_hash', 'disabled',
  'Лавров', '', ' ', 'a.b', 'x"y', 'a", "b',
];

/** Sets an own, enumerable property even for "__proto__", so JSON.stringify sends it. */
export function setOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Request bodies that are not JSON, or JSON no validator should need to walk. */
const RAW_BODIES: readonly string[] = [
  '', '{', '[', '{"a":1,}', 'NaN', 'undefined', "{'a':1}", '\uFEFF{}', '{"a":1}{"b":2}', '{"a":\u0000}',
  '['.repeat(100_000) + ']'.repeat(100_000), '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000),
  '{"__proto__":{"role":"admin","isAdmin":true}}', '{"constructor":{"prototype":{"role":"admin"}}}',
  JSON.stringify({ a: 'x'.repeat(1_100_000) }),
];

export interface HostileBody {
  body: string;
  contentType: string | null;
  describe: string;
}

const CONTENT_TYPES = ['application/json', 'application/json; charset=utf-8', 'application/merge-patch+json', 'application/json-seq', 'text/plain', 'application/x-www-form-urlencoded', null];

/** A valid body bent out of shape: fields replaced, dropped or added, or the whole body swapped for something else. */
export function hostileBody(random: Random, valid: Record<string, unknown>): HostileBody {
  const roll = random();
  const contentType = random() < 0.85 ? 'application/json' : pick(random, CONTENT_TYPES);
  if (roll < 0.1) return { body: pick(random, RAW_BODIES), contentType, describe: 'raw text' };
  if (roll < 0.2) return { body: JSON.stringify(hostileValue(random)), contentType, describe: 'another value' };
  const body: Record<string, unknown> = { ...valid };
  const changes: string[] = [];
  for (let i = 1 + Math.floor(random() * 3); i > 0; i--) {
    const keys = Object.keys(body);
    const op = random();
    if (op < 0.6 && keys.length > 0) {
      const key = pick(random, keys);
      body[key] = hostileValue(random);
      changes.push(`set ${key}`);
    } else if (op < 0.8 && keys.length > 0) {
      const key = pick(random, keys);
      delete body[key];
      changes.push(`drop ${key}`);
    } else {
      const key = pick(random, KEYS);
      setOwn(body, key, hostileValue(random));
      changes.push(`add ${key}`);
    }
  }
  return { body: JSON.stringify(body), contentType, describe: changes.join(', ') };
}

/** A cursor this server never issued: base64url JSON of the wrong shapes and out-of-range keys. */
export function hostileCursor(random: Random): string {
  const key = pick(random, [
    [1e308, 'x'], [1.5, 'x'], [-1, 'x'], [2 ** 53 + 2, 'x'], [1e21, 'x'], ['\u0000', 'x'], ['x', '\u0000'], [0, 'a\u0000'],
    [], [[]], {}, 'text', null, [null, null], [0], ['x'], [0, 'x', 1], ['x'.repeat(400), 'y'], [true, 'x'],
  ] as unknown[]);
  return random() < 0.8 ? Buffer.from(JSON.stringify(key)).toString('base64url') : pick(random, ['!!!', '====', 'e30', '%00', 'x'.repeat(600)]);
}

const GARBAGE_QUERIES = ['%', '%E0%A4%A', 'a=1&&&=', '=&=', 'limit=%00', '&limit', 'limit', 'limit=1&limit=2', 'q=%C0%AF', 'cursor=&limit=', '%%%%=%%%%'];

/** A query string for a list route: its own parameters and others, with hostile values, sometimes repeated. */
export function hostileQuery(random: Random, params: readonly string[], validCursor: string | null): string {
  if (random() < 0.08) return pick(random, GARBAGE_QUERIES);
  const search = new URLSearchParams();
  for (let i = Math.floor(random() * 4); i >= 0; i--) {
    const name = random() < 0.85 ? pick(random, [...params, 'limit', 'cursor']) : pick(random, KEYS);
    const roll = random();
    let value: string;
    if (name === 'cursor' && roll < 0.5) value = roll < 0.15 && validCursor ? validCursor : hostileCursor(random);
    else if (roll < 0.2) value = String(pick(random, NUMBERS));
    else value = pick(random, HOSTILE_STRINGS.filter((s) => s.length < 5000));
    search.append(name, value);
  }
  return search.toString();
}

/** Path segments that name nothing, encoded as a client would send them (or not). */
export function hostileId(random: Random): string {
  if (random() < 0.2) return pick(random, ['%00', '%E0%A4%A', '%2F', '..', '%2e%2e', 'x'.repeat(70), '%20', '%ED%A0%80']);
  // "awaiting" is a route of its own; lone surrogates cannot be percent-encoded.
  const names = HOSTILE_STRINGS.filter((s) => s.length > 0 && s.length < 200 && s !== 'awaiting' && !/[\ud800-\udfff]/.test(s.replace(/[\ud800-\udbff][\udc00-\udfff]/g, '')));
  return encodeURIComponent(pick(random, names));
}

/** Header values (browsers and fetch allow Latin-1 only, without control characters). */
export function hostileHeader(random: Random): string {
  return pick(random, ['', ' ', '*', '"1"', 'W/"1"', '"1", "2"', '"abc"', '"-1"', '"1.5"', '"99999999999999999999"', '1', 'x'.repeat(201), 'x'.repeat(5000), 'null']);
}
