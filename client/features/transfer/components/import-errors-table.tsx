import type { ImportError } from '#shared/schemas/transfer.ts';

/** The problems of a refused file, where a spreadsheet user finds them: the line their program shows, and the column. */
export function ImportErrorsTable({ errors }: { errors: readonly ImportError[] }) {
  // The wrapper scrolls sideways on a phone rather than squeezing the messages;
  // it is focusable so a keyboard can scroll it too.
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Problems found in the file">
      <table className="table">
        <caption className="visually-hidden">Problems found in the file</caption>
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Column</th>
            <th scope="col">Problem</th>
          </tr>
        </thead>
        <tbody>
          {errors.map((error, i) => (
            <tr key={`${error.path}-${i}`}>
              <td className="tabular">{error.line ?? 'File'}</td>
              <td>{error.column ? <code>{error.column}</code> : <span className="muted">—</span>}</td>
              <td style={{ overflowWrap: 'anywhere' }}>{error.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
