/** The server's notion of "now", injected so tests can hold time still. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock tests can set and advance. */
export function fixedClock(start: number | string): Clock & { set(at: number | string): void; advance(ms: number): void } {
  let current = typeof start === 'string' ? Date.parse(start) : start;
  return {
    now: () => current,
    set: (at) => {
      current = typeof at === 'string' ? Date.parse(at) : at;
    },
    advance: (ms) => {
      current += ms;
    },
  };
}
