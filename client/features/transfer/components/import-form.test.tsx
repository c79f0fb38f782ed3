// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ImportResult } from '#shared/schemas/transfer.ts';
import { exportUrl, importContentType } from '../api/transfer.ts';
import { importSummary, previewSummary, progressOf } from '../lib/import-summary.ts';
import { ImportForm } from './import-form.tsx';

/** A stand-in for XMLHttpRequest: records what is sent, answers when told, reports upload progress. */
class FakeXhr {
  static sent: FakeXhr[] = [];
  url = '';
  headers: Record<string, string> = {};
  body: unknown;
  status = 0;
  statusText = '';
  responseText = '';
  upload: { onprogress: ((e: { loaded: number; total: number; lengthComputable: boolean }) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  open(_method: string, url: string) {
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name.toLowerCase()] = value;
  }
  send(body: unknown) {
    this.body = body;
    FakeXhr.sent.push(this);
  }
  answer(status: number, body: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.onload?.();
  }
}

function renderForm() {
  FakeXhr.sent = [];
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
  // The progress poll: this server instance knows nothing of it yet.
  vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ type: 'about:blank', title: 'Not found', status: 404, detail: 'x' }), { status: 404 })));
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false }, queries: { retry: false } } });
  const invalidate = vi.spyOn(client, 'invalidateQueries');
  render(
    <QueryClientProvider client={client}>
      <ImportForm />
    </QueryClientProvider>,
  );
  return { invalidate };
}

const result = (fields: Partial<ImportResult> & Pick<ImportResult, 'created'>): ImportResult => ({ dryRun: false, rows: 0, skipped: { calls: 0 }, ...fields });

function choose(file: File) {
  fireEvent.change(screen.getByLabelText('File'), { target: { files: [file] } });
}

/** The n-th request sent (react-query starts the upload a moment after the click). */
async function sent(n: number): Promise<FakeXhr> {
  await vi.waitFor(() => expect(FakeXhr.sent.length).toBeGreaterThan(n));
  return FakeXhr.sent[n]!;
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the import form', () => {
  it('sends a CSV file as text/csv with a progress name, shows the upload going out, and reports what was added and skipped', async () => {
    const { invalidate } = renderForm();
    const file = new File(['placedAt,…'], 'calls.csv', { type: 'text/csv' });
    choose(file);
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    const xhr = await sent(0);
    expect(xhr.url).toMatch(/^\/api\/import\?progressId=[0-9a-f-]{36}$/);
    expect(xhr.headers['content-type']).toBe('text/csv');
    expect(xhr.body).toBe(file);
    xhr.upload.onprogress?.({ loaded: 5, total: 10, lengthComputable: true });
    expect((await screen.findByText(/Sending and checking the file: 50%/)).textContent).toBeTruthy();
    expect((screen.getByRole('progressbar', { name: 'Importing the file' }) as HTMLProgressElement).value).toBeCloseTo(0.25);
    xhr.answer(201, result({ rows: 7, created: { calls: 3, ministries: 1, officials: 2 }, skipped: { calls: 4 } }));
    expect(await screen.findByText('Imported 3 calls, adding 1 ministry and 2 officials not known before. 4 rows are already stored and were skipped.')).toBeTruthy();
    expect(invalidate).toHaveBeenCalledWith({ queryKey: ['calls'] });
  });

  it('checks a file first (a dry run), shows what it would do, and imports it on request', async () => {
    const { invalidate } = renderForm();
    choose(new File(['[]'], 'calls.json'));
    fireEvent.click(screen.getByRole('button', { name: 'Check file' }));
    const check = await sent(0);
    expect(check.url).toMatch(/dryRun=true/);
    expect(check.headers['content-type']).toBe('application/json');
    check.answer(200, result({ dryRun: true, rows: 20000, created: { calls: 12000, ministries: 0, officials: 0 }, skipped: { calls: 8000 } }));
    expect(await screen.findByText('Checked: nothing is stored yet')).toBeTruthy();
    expect(screen.getByText('Importing this file would add 12,000 calls. 8,000 rows are already stored and would be skipped.')).toBeTruthy();
    expect(invalidate).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: 'Import these calls' }));
    const real = await sent(1);
    expect(real.url).not.toMatch(/dryRun/);
    real.answer(201, result({ rows: 20000, created: { calls: 12000, ministries: 0, officials: 0 }, skipped: { calls: 8000 } }));
    expect(await screen.findByText(/^Imported 12,000 calls\./)).toBeTruthy();
  });

  it('says plainly when a file holds nothing new', async () => {
    renderForm();
    choose(new File(['x'], 'calls.csv'));
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    (await sent(0)).answer(200, result({ rows: 4, created: { calls: 0, ministries: 0, officials: 0 }, skipped: { calls: 4 } }));
    expect(await screen.findByText('Nothing new: all 4 rows of the file are already stored.')).toBeTruthy();
  });

  it('shows every problem of a refused file in a table of spreadsheet lines and columns', async () => {
    renderForm();
    choose(new File(['x'], 'calls.csv'));
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    (await sent(0)).answer(422, {
      type: 'about:blank',
      title: 'Invalid import',
      status: 422,
      detail: 'Nothing was imported',
      errors: [
        { row: null, line: 1, column: 'remarks', path: 'columns.remarks', message: 'is not a column of the import format' },
        { row: 6, line: 7, column: 'placedAt', path: 'rows.6.placedAt', message: 'must be an ISO 8601 date-time' },
      ],
    });
    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row').map((row) => row.textContent);
    expect(rows).toEqual(['LineColumnProblem', '1remarksis not a column of the import format', '7placedAtmust be an ISO 8601 date-time']);
    expect(screen.getByRole('alert').textContent).toContain('Nothing was imported');
    expect(screen.getByRole('alert').textContent).toContain('the header being line 1');
  });

  it('takes files of any size: nothing is refused before it is sent', () => {
    renderForm();
    choose(new File(['x'.repeat(2 * 1024 * 1024)], 'big.csv'));
    expect((screen.getByRole('button', { name: 'Import' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('words the summaries and the bar, and builds export links from filters', () => {
    expect(importSummary(result({ rows: 1, created: { calls: 1, ministries: 0, officials: 0 } }))).toBe('Imported 1 call.');
    expect(previewSummary(result({ dryRun: true, rows: 1, created: { calls: 0, ministries: 0, officials: 0 }, skipped: { calls: 1 } }))).toBe('Importing this file would add nothing: its only row is already stored.');
    expect(progressOf({ uploaded: null, progress: { phase: 'storing', bytesDone: 30, bytesTotal: 100, rows: 3000 } }, false)).toEqual({ value: 0.65, label: 'Storing: 3,000 rows (30%)' });
    expect(progressOf({ uploaded: null, progress: undefined }, true)).toEqual({ value: null, label: 'Working on the file' });
    expect(importContentType({ name: 'export.JSON', type: '' })).toBe('application/json');
    expect(importContentType({ name: 'export.csv', type: 'application/vnd.ms-excel' })).toBe('text/csv');
    expect(exportUrl('csv', { status: 'awaiting,returned', q: 'Lavrov', ministryId: undefined })).toBe('/api/export?format=csv&status=awaiting%2Creturned&q=Lavrov');
  });
});
