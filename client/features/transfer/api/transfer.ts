import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '#client/lib/api-client.ts';
import { invalidateAfterChange } from '#client/lib/query-client.ts';
import type { Problem } from '#shared/schemas/common.ts';
import { type ExportFormat, type ImportError, ImportProblem, ImportResult } from '#shared/schemas/transfer.ts';

/** The server refuses bodies above this (app-wide body limit), so the form checks first. */
export const MAX_IMPORT_BYTES = 1024 * 1024;

/** A plain link: the browser downloads the attachment with the session cookie, streaming as it comes. */
export function exportUrl(format: ExportFormat): string {
  return `/api/export?format=${format}`;
}

/** JSON by name or type; anything else is sent as CSV (spreadsheets label CSV inconsistently). */
export function importContentType(file: Pick<File, 'name' | 'type'>): 'application/json' | 'text/csv' {
  return file.type === 'application/json' || /\.json$/i.test(file.name) ? 'application/json' : 'text/csv';
}

/** The per-row problems of a refused import, or none when the error is of another kind. */
export function importErrorsOf(error: unknown): ImportError[] {
  if (!(error instanceof ApiError) || error.status !== 422) return [];
  const parsed = ImportProblem.safeParse(error.problem);
  return parsed.success ? (parsed.data.errors ?? []) : [];
}

/**
 * Sends the file as it is (the api client only speaks JSON bodies). Answers
 * and errors are shaped as everywhere else: ApiError with the problem.
 */
async function uploadImport(file: File): Promise<ImportResult> {
  const response = await fetch('/api/import', {
    method: 'POST',
    headers: { 'Content-Type': importContentType(file), Accept: 'application/json' },
    body: file,
    credentials: 'same-origin',
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    const problem: Problem =
      body && typeof body === 'object' && 'title' in body
        ? (body as Problem)
        : { type: 'about:blank', title: response.statusText || 'Error', status: response.status, detail: `The server answered ${response.status}` };
    throw new ApiError(response.status, problem);
  }
  return ImportResult.parse(body);
}

export function useImportCalls() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: uploadImport,
    // New calls, officials and ministries: a ministry change marks every root stale.
    onSuccess: () => invalidateAfterChange(client, 'ministry'),
  });
}
