import { afterEach, describe, expect, it, vi } from 'vitest';
import { dropPagesAhead, fetchPageAhead } from './awaiting.ts';

/**
 * A stand-in for GET /api/calls/awaiting: three pages, whose cursors carry
 * the data's version (so a page of old data can be told from a fresh one).
 */
function fakeServer() {
  const state = { version: 1, fail: false, asked: [] as string[] };
  vi.stubGlobal('fetch', async (url: string) => {
    const cursor = new URL(url, 'http://localhost').searchParams.get('cursor') ?? 'first';
    state.asked.push(cursor);
    if (state.fail) return new Response(JSON.stringify({ type: 'about:blank', title: 'Unavailable', status: 503 }), { status: 503 });
    const n = cursor === 'first' ? 1 : Number(cursor.split('-')[1]);
    const nextCursor = n < 3 ? `v${state.version}-${n + 1}` : null;
    return new Response(JSON.stringify({ items: [], nextCursor }), { status: 200, headers: { 'Content-Type': 'application/json' } });
  });
  return state;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the board asks for each page while the one before is shown', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('asks for the next page as soon as its cursor is known, and takes it instead of asking again', async () => {
    const server = fakeServer();
    const first = await fetchPageAhead(null, undefined);
    expect(first.nextCursor).toBe('v1-2');
    await settle();
    expect(server.asked).toEqual(['first', 'v1-2']);
    const second = await fetchPageAhead('v1-2', undefined);
    expect(second.nextCursor).toBe('v1-3');
    const third = await fetchPageAhead('v1-3', undefined);
    expect(third.nextCursor).toBeNull();
    await settle();
    expect(server.asked).toEqual(['first', 'v1-2', 'v1-3']);
  });

  it('asks for the page after a taken one as soon as it arrives, one page ahead at most', async () => {
    const server = fakeServer();
    await fetchPageAhead(null, undefined);
    // Taken while still on its way: its successor is asked for when it arrives, and nothing further.
    await fetchPageAhead('v1-2', undefined);
    await settle();
    expect(server.asked).toEqual(['first', 'v1-2', 'v1-3']);
  });

  it('forgets the pages asked for ahead when the event stream changes the board', async () => {
    const server = fakeServer();
    await fetchPageAhead(null, undefined);
    await settle();
    dropPagesAhead();
    await fetchPageAhead('v1-2', undefined);
    await settle();
    expect(server.asked).toEqual(['first', 'v1-2', 'v1-2', 'v1-3']);
  });

  it('never hands a refetch a page asked for before it', async () => {
    const server = fakeServer();
    await fetchPageAhead(null, undefined);
    // The data changes; the board refetches from its first page, which names the next page anew.
    server.version = 2;
    const again = await fetchPageAhead(null, undefined);
    expect(again.nextCursor).toBe('v2-2');
    expect((await fetchPageAhead('v2-2', undefined)).nextCursor).toBe('v2-3');
    // A cursor from before the change is asked for, not taken from what was fetched ahead under it.
    const asked = server.asked.length;
    await fetchPageAhead('v1-2', undefined);
    expect(server.asked[asked]).toBe('v1-2');
  });

  it("shows a failed page's error, and asks again on a retry", async () => {
    const server = fakeServer();
    server.fail = false;
    const first = fetchPageAhead(null, 'round-a');
    await first;
    // The page ahead was asked for while the server was up; fail it and ask for another chain.
    server.fail = true;
    await expect(fetchPageAhead(null, 'round-b')).rejects.toThrow(/Unavailable/);
    server.fail = false;
    const retried = await fetchPageAhead(null, 'round-b');
    expect(retried.nextCursor).toBe('v1-2');
    // Pages ahead are kept per round: round-a's second page is the one fetched ahead for it.
    const before = server.asked.length;
    await fetchPageAhead('v1-2', 'round-a');
    await settle();
    expect(server.asked.slice(before)).toEqual(['v1-3']);
  });
});
