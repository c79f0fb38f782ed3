import type { ImportPhase, ImportResult } from '#shared/schemas/transfer.ts';
import type { ImportState } from '../api/transfer.ts';

const numbers = new Intl.NumberFormat('en');

export function count(n: number, one: string, many: string): string {
  return `${numbers.format(n)} ${n === 1 ? one : many}`;
}

function added({ created }: ImportResult): string {
  const parts = [
    created.ministries ? count(created.ministries, 'ministry', 'ministries') : '',
    created.officials ? count(created.officials, 'official', 'officials') : '',
  ].filter(Boolean);
  return parts.length ? `, adding ${parts.join(' and ')} not known before` : '';
}

function skipped({ skipped }: ImportResult, verb: 'were' | 'would be'): string {
  if (!skipped.calls) return '';
  return ` ${count(skipped.calls, 'row is', 'rows are')} already stored and ${verb} skipped.`;
}

/** "Imported 12 calls, adding 1 ministry and 2 officials not known before. 3 rows are already stored and were skipped." */
export function importSummary(result: ImportResult): string {
  if (result.created.calls === 0 && result.created.ministries === 0 && result.created.officials === 0) {
    return `Nothing new: ${result.rows === 1 ? 'the file’s only row is' : `all ${count(result.rows, 'row', 'rows')} of the file are`} already stored.`;
  }
  return `Imported ${count(result.created.calls, 'call', 'calls')}${added(result)}.${skipped(result, 'were')}`;
}

/** What a dry run found, said before anything is stored. */
export function previewSummary(result: ImportResult): string {
  if (result.created.calls === 0 && result.created.ministries === 0 && result.created.officials === 0) {
    return `Importing this file would add nothing: ${result.rows === 1 ? 'its only row is' : `all ${count(result.rows, 'row', 'rows')} are`} already stored.`;
  }
  return `Importing this file would add ${count(result.created.calls, 'call', 'calls')}${added(result)}.${skipped(result, 'would be')}`;
}

const PHASE_WORDS: Record<ImportPhase, string> = {
  receiving: 'Checking the rows',
  storing: 'Storing',
  done: 'Finishing',
};

/**
 * The bar's place (0–1, or null when not known) and its words. The first
 * half is the file going out and being checked as it arrives; the second,
 * the server matching and writing the rows.
 */
export function progressOf({ uploaded, progress }: ImportState, dryRun: boolean): { value: number | null; label: string } {
  const percent = (fraction: number) => `${Math.floor(fraction * 100)}%`;
  if (progress?.phase === 'storing' && progress.bytesTotal) {
    const fraction = Math.min(1, progress.bytesDone / progress.bytesTotal);
    return { value: 0.5 + fraction / 2, label: `${dryRun ? 'Matching the rows with the stored calls' : 'Storing'}: ${count(progress.rows, 'row', 'rows')} (${percent(fraction)})` };
  }
  if (progress?.phase === 'done') return { value: 1, label: 'Finishing' };
  if (uploaded && uploaded.total > 0 && uploaded.loaded < uploaded.total) {
    const fraction = uploaded.loaded / uploaded.total;
    return { value: fraction / 2, label: `Sending and checking the file: ${percent(fraction)}${progress ? `, ${count(progress.rows, 'row', 'rows')} checked` : ''}` };
  }
  if (progress) return { value: 0.5, label: `${PHASE_WORDS[progress.phase]}: ${count(progress.rows, 'row', 'rows')}` };
  return { value: null, label: 'Working on the file' };
}
