import { useSyncExternalStore } from 'react';
import type { z } from 'zod/mini';

/**
 * A value kept in localStorage that components read with a hook and that
 * updates every reader (and other tabs) when it changes. A stored value that
 * no longer fits the schema falls back to the default.
 */
export function createLocalStore<T>(key: string, schema: z.ZodMiniType<T>, fallback: T) {
  const listeners = new Set<() => void>();
  let cached: { raw: string | null; value: T } | undefined;

  function read(): T {
    let raw: string | null = null;
    try {
      raw = globalThis.localStorage?.getItem(key) ?? null;
    } catch {
      raw = null;
    }
    if (cached && cached.raw === raw) return cached.value;
    let value = fallback;
    if (raw !== null) {
      try {
        const parsed = schema.safeParse(JSON.parse(raw));
        if (parsed.success) value = parsed.data;
      } catch {
        value = fallback;
      }
    }
    cached = { raw, value };
    return value;
  }

  function write(value: T) {
    try {
      globalThis.localStorage?.setItem(key, JSON.stringify(value));
    } catch {
      // Private mode or a full quota: the setting lasts for this page only.
      cached = { raw: JSON.stringify(value), value };
    }
    listeners.forEach((listener) => listener());
  }

  function subscribe(listener: () => void) {
    listeners.add(listener);
    const onStorage = (event: StorageEvent) => {
      if (event.key === key) listener();
    };
    globalThis.addEventListener?.('storage', onStorage);
    return () => {
      listeners.delete(listener);
      globalThis.removeEventListener?.('storage', onStorage);
    };
  }

  function useValue(): T {
    return useSyncExternalStore(subscribe, read, () => fallback);
  }

  return { read, write, subscribe, useValue };
}
