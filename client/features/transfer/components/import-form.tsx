import { useState } from 'react';
import { Alert } from '#client/components/ui/alert.tsx';
import { Button } from '#client/components/ui/button.tsx';
import { Field } from '#client/components/ui/field.tsx';
import { MAX_IMPORT_ERRORS, REQUIRED_IMPORT_COLUMNS, type ImportResult } from '#shared/schemas/transfer.ts';
import { importErrorsOf, useImportCalls } from '../api/transfer.ts';
import { importSummary, previewSummary } from '../lib/import-summary.ts';
import { ImportErrorsTable } from './import-errors-table.tsx';
import { ImportProgressBar } from './import-progress.tsx';

/** The outcome shown under the form: what a check found, or what an import stored. */
function Outcome({ result, onImport, busy }: { result: ImportResult; onImport: () => void; busy: boolean }) {
  const nothing = result.created.calls + result.created.ministries + result.created.officials === 0;
  if (!result.dryRun) return <Alert tone={nothing ? 'info' : 'success'} title={importSummary(result)} />;
  return (
    <Alert tone="info" title="Checked: nothing is stored yet">
      <p>{previewSummary(result)}</p>
      {nothing ? null : (
        <div className="form-actions">
          <Button variant="primary" busy={busy} onClick={onImport}>
            Import these calls
          </Button>
        </div>
      )}
    </Alert>
  );
}

/**
 * Upload of a CSV or JSON file in the export's format, any size: the file
 * streams to the server, which checks each row as it arrives and stores all
 * or nothing. "Check file" does everything but store, and says what an
 * import would add and skip. Importing a file twice adds nothing the second
 * time. A refused file comes back with its problems, by spreadsheet line.
 */
export function ImportForm() {
  const [file, setFile] = useState<File | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const importCalls = useImportCalls();
  const rowErrors = importErrorsOf(importCalls.error);
  const dryRun = importCalls.variables?.dryRun ?? false;

  const run = (asDryRun: boolean) => {
    if (!file) return;
    importCalls.mutate(
      { file, dryRun: asDryRun },
      {
        onSuccess: (result) => {
          if (result.dryRun) return;
          setFile(null);
          setInputKey((k) => k + 1);
        },
      },
    );
  };

  return (
    <form
      className="card settings-card"
      // A grid item may not shrink below its content; the errors table scrolls instead.
      style={{ minWidth: 0 }}
      aria-labelledby="import-title"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        run(false);
      }}
    >
      <h2 id="import-title">Import</h2>
      <p className="muted">
        A CSV or JSON file in the export’s format, of any size. Needed columns: {REQUIRED_IMPORT_COLUMNS.join(', ')}. Officials and ministries are matched by
        name (and ministry, or country); those not known yet are added. Rows already stored — the same id, or the same caller, callee, time and topic — are
        skipped, so importing a file again adds nothing. One bad row and nothing is imported.
      </p>
      <Field label="File">
        {(control) => (
          <input
            {...control}
            key={inputKey}
            type="file"
            accept=".csv,.json,text/csv,application/json"
            disabled={importCalls.isPending}
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              importCalls.reset();
            }}
          />
        )}
      </Field>
      <div className="form-actions">
        <Button variant="secondary" busy={importCalls.isPending && dryRun} disabled={!file || importCalls.isPending} onClick={() => run(true)}>
          Check file
        </Button>
        <Button type="submit" variant="primary" busy={importCalls.isPending && !dryRun} disabled={!file || importCalls.isPending}>
          Import
        </Button>
      </div>

      <div style={{ marginTop: 12 }}>
        {importCalls.isPending ? <ImportProgressBar state={importCalls.state} dryRun={dryRun} /> : null}
        {importCalls.isSuccess ? <Outcome result={importCalls.data} busy={importCalls.isPending} onImport={() => run(false)} /> : null}
        {importCalls.isError ? (
          <Alert title="Nothing was imported">
            {rowErrors.length > 0 ? (
              <>
                <p>
                  Fix these in the file and import it again
                  {rowErrors.length >= MAX_IMPORT_ERRORS ? ` (checking stopped after the first ${MAX_IMPORT_ERRORS} problems)` : ''}. Lines are numbered as your
                  spreadsheet numbers them, the header being line 1:
                </p>
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
