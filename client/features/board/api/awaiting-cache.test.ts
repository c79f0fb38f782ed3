import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { AwaitingCall, Call } from '#shared/schemas/calls.ts';
import { awaitingQuery, boardOf, type AwaitingData } from './awaiting.ts';
import { putOnBoard, removeFromBoard } from './awaiting-cache.ts';

const call = (id: string, placedAt: string) => ({ id, placedAt, waitingMs: 0 }) as AwaitingCall;
const ids = (client: QueryClient) => boardOf(client.getQueryData<AwaitingData>(awaitingQuery.queryKey)).items.map((c) => c.id);

function clientWith(pages: { items: AwaitingCall[]; nextCursor: string | null }[]) {
  const client = new QueryClient();
  client.setQueryData(awaitingQuery.queryKey, { pages: pages.map((p) => ({ ...p, receivedAt: 0 })), pageParams: pages.map((_, i) => (i ? `c${i}` : null)) });
  return client;
}

describe('patching the board from single changes', () => {
  it('puts a call in its place by the time it was placed, and replaces one it already has', () => {
    const client = clientWith([{ items: [call('a', '2026-11-01T00:00:00Z'), call('c', '2026-11-03T00:00:00Z')], nextCursor: null }]);
    putOnBoard(client, { id: 'b', placedAt: '2026-11-02T00:00:00Z' } as Call);
    putOnBoard(client, { id: 'd', placedAt: '2026-11-04T00:00:00Z' } as Call);
    putOnBoard(client, { id: 'a', placedAt: '2026-11-01T00:00:00Z', topic: 'edited' } as Call);
    expect(ids(client)).toEqual(['a', 'b', 'c', 'd']);
    removeFromBoard(client, 'c');
    expect(ids(client)).toEqual(['a', 'b', 'd']);
  });

  it('leaves a call newer than everything loaded to the pages still to come', () => {
    const client = clientWith([{ items: [call('a', '2026-11-01T00:00:00Z')], nextCursor: 'more' }]);
    putOnBoard(client, { id: 'z', placedAt: '2026-11-09T00:00:00Z' } as Call);
    expect(ids(client)).toEqual(['a']);
  });

  it('shows a call once even when two pages both hold it', () => {
    const client = clientWith([
      { items: [call('a', '2026-11-01T00:00:00Z'), call('b', '2026-11-02T00:00:00Z')], nextCursor: 'x' },
      { items: [call('b', '2026-11-02T00:00:00Z'), call('c', '2026-11-03T00:00:00Z')], nextCursor: null },
    ]);
    expect(ids(client)).toEqual(['a', 'b', 'c']);
  });
});
