// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeCall } from '#client/test/fixtures.ts';
import type { Call } from '#shared/schemas/calls.ts';
import type { OfficialPickerProps } from './call-edit-form.tsx';
import { CallView } from './call-view.tsx';

const picker = ({ value, onChange, label: _label, ...control }: OfficialPickerProps) => (
  <input {...control} value={value} onChange={(event) => onChange(event.target.value, event.target.value)} />
);

/** A stand-in server holding one call, recording each write and its If-Match. */
function fakeServer(initial: Call) {
  let current = initial;
  const writes: { method: string; ifMatch: string | null; body: unknown }[] = [];
  const json = (status: number, body: unknown, etag?: string) =>
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status < 400 ? 'application/json' : 'application/problem+json', ...(etag ? { ETag: etag } : {}) } });
  const fetch = vi.fn(async (url: string, init: RequestInit = {}) => {
    const path = new URL(url, 'http://localhost').pathname;
    if (path.endsWith('/history')) return json(200, { items: [], nextCursor: null });
    if (init.method === 'PATCH') {
      const ifMatch = new Headers(init.headers).get('If-Match');
      const body = JSON.parse(String(init.body)) as Partial<Call>;
      writes.push({ method: 'PATCH', ifMatch, body });
      if (ifMatch !== `"${current.version}"`) return json(412, { type: 'about:blank', title: 'Precondition failed', status: 412, detail: 'The call has changed' });
      current = { ...current, ...body, version: current.version + 1 };
      return json(200, current, `"${current.version}"`);
    }
    return json(200, current, `"${current.version}"`);
  });
  return { fetch, writes, changeBehindTheBack: (patch: Partial<Call>) => (current = { ...current, ...patch, version: current.version + 1 }) };
}

let server: ReturnType<typeof fakeServer>;

beforeEach(() => {
  server = fakeServer(makeCall({ version: 3 }));
  vi.stubGlobal('fetch', server.fetch);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function renderView() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter>
        <CallView id="c1" canEdit renderOfficialPicker={picker} />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe('editing a call someone else changed meanwhile', () => {
  it('shows their change, then re-applies the edit on top of their version', async () => {
    renderView();
    fireEvent.click(await screen.findByRole('button', { name: 'Edit' }));
    fireEvent.change(screen.getByLabelText('Topic', { exact: false }), { target: { value: 'Lavrov has not called back' } });
    server.changeBehindTheBack({ notes: 'Travelling in Africa', channel: 'video' });
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));

    const conflict = await screen.findByRole('region', { name: 'Someone else changed this call while you were editing' });
    expect(server.writes).toEqual([{ method: 'PATCH', ifMatch: '"3"', body: { topic: 'Lavrov has not called back' } }]);
    expect(within(conflict).getByText('Travelling in Africa')).toBeTruthy();
    expect(within(conflict).getByText(/now at version 4/)).toBeTruthy();

    fireEvent.click(within(conflict).getByRole('button', { name: 'Re-apply my changes' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: /Someone else changed/ })).toBeNull());
    expect(server.writes[1]).toEqual({ method: 'PATCH', ifMatch: '"4"', body: { topic: 'Lavrov has not called back' } });
    await screen.findByRole('heading', { name: 'Lavrov has not called back', level: 1 });
  });

  it('discards the edit on request, leaving the other version in place', async () => {
    renderView();
    fireEvent.click(await screen.findByRole('button', { name: 'Edit' }));
    fireEvent.change(screen.getByLabelText('Topic', { exact: false }), { target: { value: 'Mine' } });
    server.changeBehindTheBack({ topic: 'Theirs' });
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    const conflict = await screen.findByRole('region', { name: /Someone else changed/ });
    fireEvent.click(within(conflict).getByRole('button', { name: 'Discard my changes' }));
    await screen.findByRole('heading', { name: 'Theirs', level: 1 });
    expect(server.writes).toHaveLength(1);
    expect(screen.queryByRole('form', { name: 'Edit call' })).toBeNull();
  });
});

describe('the page of a deleted call', () => {
  it('says what was deleted, by whom and when, from its history', async () => {
    const call = makeCall({ topic: 'North Korean nuclear test' });
    const problem = { type: 'about:blank', title: 'Not found', status: 404, detail: 'No such call' };
    const entry = { seq: 9, at: '2026-11-30T09:15:00Z', actor: 'ada', actorName: 'Ada Analyst', action: 'delete', entityType: 'call', entityId: 'c1', before: call, after: null };
    vi.stubGlobal('fetch', async (url: string) => {
      const path = new URL(url, 'http://localhost').pathname;
      if (path.endsWith('/history')) return new Response(JSON.stringify({ items: [entry], nextCursor: null }), { status: 200, headers: { 'Content-Type': 'application/json' } });
      return new Response(JSON.stringify(problem), { status: 404, headers: { 'Content-Type': 'application/problem+json' } });
    });
    renderView();
    await screen.findByRole('heading', { name: 'Deleted: North Korean nuclear test', level: 1 });
    expect(screen.getByText(/^This call was deleted by Ada Analyst on \d+ Nov 2026, \d\d:15\.$/)).toBeTruthy();
    const deleted = screen.getByRole('table', { name: 'What was deleted' });
    expect(within(deleted).getByRole('rowheader', { name: 'Topic' }).nextElementSibling?.textContent).toBe('North Korean nuclear test');
    expect(within(deleted).getByRole('rowheader', { name: 'Callee' }).nextElementSibling?.textContent).toBe(call.callee.name);
  });
});
