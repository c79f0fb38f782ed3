import type { ImportError } from '#shared/schemas/transfer.ts';

/** The problems of a refused file, where a spreadsheet user can find them: row and column. */
export function ImportErrorsTable({ errors }: { errors: readonly ImportError[] }) {
  // The wrapper scrolls sideways on a phone rather than squeezing the messages.
  return (
    <div style={{ overflowX: 'auto' }}>
      <table className="table">
        <caption className="visually-hidden">Problems found in the file</caption>
        <thead>
          <tr>
            <th scope="col">Row</th>
            <th scope="col">Column</th>
            <th scope="col">Problem</th>
          </tr>
        </thead>
        <tbody>
          {errors.map((error, i) => (
            <tr key={`${error.path}-${i}`}>
              <td className="tabular">{error.row ?? (error.column ? 'Header' : 'File')}</td>
              <td>{error.column ? <code>{error.column}</code> : <span className="muted">—</span>}</td>
              <td style={{ overflowWrap: 'anywhere' }}>{error.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
