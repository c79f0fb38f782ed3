import { exportUrl } from '../api/transfer.ts';

/** Download links: every call, one row each, in the format the import takes back. */
export function ExportCard() {
  return (
    <section className="card settings-card" aria-labelledby="export-title">
      <h2 id="export-title">Export</h2>
      <p className="muted">
        Every call, oldest first, one row each with both parties named (not just their ids), so the file moves to another Readout or a spreadsheet.
      </p>
      <div className="form-actions">
        <a className="btn btn-primary" href={exportUrl('csv')} download>
          Download CSV
        </a>
        <a className="btn btn-secondary" href={exportUrl('json')} download>
          Download JSON
        </a>
      </div>
    </section>
  );
}
