import { useState } from 'react';
import { Alert } from '#client/components/ui/alert.tsx';
import { Button } from '#client/components/ui/button.tsx';
import { Field } from '#client/components/ui/field.tsx';
import { MAX_IMPORT_ERRORS, REQUIRED_IMPORT_COLUMNS, type ImportResult } from '#shared/schemas/transfer.ts';
import { MAX_IMPORT_BYTES, importErrorsOf, useImportCalls } from '../api/transfer.ts';
import { ImportErrorsTable } from './import-errors-table.tsx';

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "Imported 12 calls, adding 1 ministry and 2 officials not known before." */
export function importSummary({ created }: ImportResult): string {
  const added = [
    created.ministries ? count(created.ministries, 'ministry', 'ministries') : '',
    created.officials ? count(created.officials, 'official', 'officials') : '',
  ].filter(Boolean);
  return `Imported ${count(created.calls, 'call', 'calls')}${added.length ? `, adding ${added.join(' and ')} not known before` : ''}.`;
}

/**
 * Upload of a CSV or JSON file in the export's format. The server checks
 * every row and stores all or nothing, so a refused file comes back with its
 * whole list of problems, shown as a table to fix in one go.
 */
export function ImportForm() {
  const [file, setFile] = useState<File | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const [tooBig, setTooBig] = useState(false);
  const importCalls = useImportCalls();
  const rowErrors = importErrorsOf(importCalls.error);

  return (
    <form
      className="card settings-card"
      // A grid item may not shrink below its content; the errors table scrolls instead.
      style={{ minWidth: 0 }}
      aria-labelledby="import-title"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!file || tooBig) return;
        importCalls.mutate(file, {
          onSuccess: () => {
            setFile(null);
            setInputKey((k) => k + 1);
          },
        });
      }}
    >
      <h2 id="import-title">Import</h2>
      <p className="muted">
        A CSV or JSON file in the export’s format, up to 1 MiB (split bigger files). Needed columns: {REQUIRED_IMPORT_COLUMNS.join(', ')}. Officials and
        ministries are matched by name (and ministry, or country); those not known yet are added. One bad row and nothing is imported.
      </p>
      <Field label="File" error={tooBig ? 'The file is larger than 1 MiB; split it into smaller files.' : undefined}>
        {(control) => (
          <input
            {...control}
            key={inputKey}
            type="file"
            accept=".csv,.json,text/csv,application/json"
            onChange={(event) => {
              const chosen = event.target.files?.[0] ?? null;
              setFile(chosen);
              setTooBig(chosen !== null && chosen.size > MAX_IMPORT_BYTES);
              importCalls.reset();
            }}
          />
        )}
      </Field>
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={importCalls.isPending} disabled={!file || tooBig}>
          Import
        </Button>
      </div>

      <div style={{ marginTop: 12 }}>
        {importCalls.isSuccess ? <Alert tone="success" title={importSummary(importCalls.data)} /> : null}
        {importCalls.isError ? (
          <Alert title="Nothing was imported">
            {rowErrors.length > 0 ? (
              <>
                <p>Fix these in the file and import it again{rowErrors.length >= MAX_IMPORT_ERRORS ? ` (the first ${MAX_IMPORT_ERRORS} problems are shown)` : ''}:</p>
                <ImportErrorsTable errors={rowErrors} />
              </>
            ) : (
              <p>{importCalls.error.message}</p>
            )}
          </Alert>
        ) : null}
      </div>
    </form>
  );
}
