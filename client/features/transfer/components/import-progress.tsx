import type { ImportState } from '../api/transfer.ts';
import { progressOf } from '../lib/import-summary.ts';

/** How far an import has got: a bar for the eye, its words for everyone (announced politely as they change). */
export function ImportProgressBar({ state, dryRun }: { state: ImportState; dryRun: boolean }) {
  const { value, label } = progressOf(state, dryRun);
  return (
    <div className="import-progress">
      <progress max={1} {...(value === null ? {} : { value })} aria-label={dryRun ? 'Checking the file' : 'Importing the file'} aria-valuetext={label} />
      <p className="muted" aria-live="polite">
        {label}
      </p>
    </div>
  );
}
