import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError, api } from '#client/lib/api-client.ts';
import { invalidateAfterChange } from '#client/lib/query-client.ts';
import { randomId } from '#client/lib/random-id.ts';
import type { Problem } from '#shared/schemas/common.ts';
import { type ExportFormat, type ExportQuery, type ImportError, ImportProblem, ImportProgress, ImportResult } from '#shared/schemas/transfer.ts';

/** The filters an export takes: those of the calls list, as GET /api/calls takes them. */
export type ExportFilters = Partial<Record<Exclude<keyof ExportQuery, 'format'>, string | undefined>>;

/** A plain link: the browser downloads the attachment with the session cookie, streaming as it comes. */
export function exportUrl(format: ExportFormat, filters: ExportFilters = {}): string {
  const params = new URLSearchParams({ format });
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  return `/api/export?${params.toString()}`;
}

/** JSON by name or type; anything else is sent as CSV (spreadsheets label CSV inconsistently). */
export function importContentType(file: Pick<File, 'name' | 'type'>): 'application/json' | 'text/csv' {
  return file.type === 'application/json' || /\.json$/i.test(file.name) ? 'application/json' : 'text/csv';
}

/** The per-row problems of a refused import, or none when the error is of another kind. */
export function importErrorsOf(error: unknown): ImportError[] {
  if (!(error instanceof ApiError) || (error.status !== 422 && error.status !== 400)) return [];
  const parsed = ImportProblem.safeParse(error.problem);
  return parsed.success ? (parsed.data.errors ?? []) : [];
}

export interface ImportRequest {
  file: File;
  dryRun: boolean;
  /** The name the server tracks this import's progress under. */
  progressId: string;
  onUploaded?: (loaded: number, total: number) => void;
}

function problemOf(status: number, statusText: string, text: string): Problem {
  try {
    const body: unknown = JSON.parse(text);
    if (body && typeof body === 'object' && 'title' in body) return body as Problem;
  } catch {
    // not problem+json: said below
  }
  return { type: 'about:blank', title: statusText || 'Error', status, detail: status ? `The server answered ${status}` : 'The file could not be sent: the connection was lost' };
}

/**
 * Sends the file as it is, streamed from disk by the browser. XMLHttpRequest
 * rather than fetch: only it reports how much of the body has gone out, for
 * the progress bar. Answers and errors are shaped as everywhere else.
 */
export function uploadImport({ file, dryRun, progressId, onUploaded }: ImportRequest): Promise<ImportResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const query = new URLSearchParams({ progressId, ...(dryRun ? { dryRun: 'true' } : {}) });
    xhr.open('POST', `/api/import?${query.toString()}`);
    xhr.setRequestHeader('Content-Type', importContentType(file));
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (event) => onUploaded?.(event.loaded, event.lengthComputable ? event.total : file.size);
    xhr.onerror = () => reject(new ApiError(0, problemOf(0, '', '')));
    xhr.onload = () => {
      if (xhr.status < 200 || xhr.status >= 300) return reject(new ApiError(xhr.status, problemOf(xhr.status, xhr.statusText, xhr.responseText)));
      try {
        resolve(ImportResult.parse(JSON.parse(xhr.responseText)));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    };
    xhr.send(file);
  });
}

/** The server's word on an import under way; polled while it runs (404 until it starts, and on another instance). */
export const importProgressQuery = (progressId: string | null) =>
  queryOptions({
    queryKey: ['transfer', 'import-progress', progressId],
    queryFn: ({ signal }) => api(`/import/progress/${encodeURIComponent(progressId!)}`, { signal }, ImportProgress),
    enabled: progressId !== null,
    refetchInterval: 500,
    retry: false,
  });

export interface ImportState {
  /** Bytes of the file sent so far, and the file's size, while it is being sent. */
  uploaded: { loaded: number; total: number } | null;
  progress: ImportProgress | undefined;
}

/**
 * An import (or dry run) with its progress: the upload's, from the browser,
 * then the server's (checking as it receives, then storing), polled.
 */
export function useImportCalls() {
  const client = useQueryClient();
  const [running, setRunning] = useState<string | null>(null);
  const [uploaded, setUploaded] = useState<ImportState['uploaded']>(null);
  const progress = useQuery({ ...importProgressQuery(running), enabled: running !== null });
  const mutation = useMutation({
    mutationFn: ({ file, dryRun }: { file: File; dryRun: boolean }) => {
      const progressId = randomId();
      setRunning(progressId);
      setUploaded({ loaded: 0, total: file.size });
      return uploadImport({ file, dryRun, progressId, onUploaded: (loaded, total) => setUploaded({ loaded, total }) });
    },
    onSettled: () => {
      setRunning(null);
      setUploaded(null);
    },
    // New calls, officials and ministries: a ministry change marks every root stale.
    onSuccess: (result) => (result.dryRun ? undefined : invalidateAfterChange(client, 'ministry')),
  });
  const state: ImportState = { uploaded, progress: running ? progress.data : undefined };
  return { ...mutation, state };
}
