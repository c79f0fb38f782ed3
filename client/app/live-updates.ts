import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { setLiveMode } from '../lib/live-mode.ts';
import { invalidateAfterChange } from '../lib/query-client.ts';
import { queryRoots, staleAfterChange, type ChangedKind } from '../lib/query-keys.ts';
import { applyCallChange } from '../features/board/api/awaiting-cache.ts';

const RETRY_AFTER_CLOSE_MS = 60_000;

/** The kind of object an event's type names: "call.updated" → "call". */
export function changedKind(type: unknown): ChangedKind | null {
  if (typeof type !== 'string') return null;
  const kind = type.split('.')[0];
  return kind === 'call' || kind === 'official' || kind === 'ministry' || kind === 'absence' || kind === 'notification' || kind === 'round' ? kind : null;
}

/**
 * Subscribes to GET /api/events and marks the lists a change touches as
 * stale. While the stream is down (not built yet, a proxy that buffers, the
 * network) the lists poll instead; the browser reconnects by itself with
 * Last-Event-ID, and a stream that closed for good is tried again later.
 */
export function useLiveUpdates(enabled: boolean) {
  const client = useQueryClient();
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let wasLive = false;

    const connect = () => {
      source = new EventSource('/api/events');
      source.onopen = () => {
        // Events missed while disconnected may not all be replayed: refresh once.
        if (wasLive) invalidateEverything(client);
        wasLive = true;
        setLiveMode('live');
      };
      // Changes arrive unnamed (onmessage); the only named event is the opening `ready`, which needs no action.
      source.onmessage = (event: MessageEvent<string>) => onEvent(client, event.data);
      source.onerror = () => {
        setLiveMode('polling');
        if (source?.readyState === EventSource.CLOSED) {
          source.close();
          retry = setTimeout(connect, RETRY_AFTER_CLOSE_MS);
        }
      };
    };
    connect();
    return () => {
      clearTimeout(retry);
      source?.close();
      setLiveMode('polling');
    };
  }, [client, enabled]);
}

function onEvent(client: QueryClient, data: string) {
  let event: { type?: unknown; id?: unknown };
  try {
    event = JSON.parse(data) as { type?: unknown; id?: unknown };
  } catch {
    return;
  }
  const kind = changedKind(event.type);
  if (kind === 'call' && typeof event.id === 'string') {
    // The board may hold thousands of open calls: it fetches just the one that
    // changed rather than all of them; the other lists are refetched as usual.
    for (const root of staleAfterChange.call) if (root !== queryRoots.awaiting) void client.invalidateQueries({ queryKey: root });
    void applyCallChange(client, String(event.type), event.id);
  } else if (kind) void invalidateAfterChange(client, kind);
}

function invalidateEverything(client: QueryClient) {
  for (const kind of ['call', 'official', 'ministry', 'round'] as const) void invalidateAfterChange(client, kind);
}
