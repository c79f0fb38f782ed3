import { ExportLinks } from './export-links.tsx';

/** Download links: every call, one row each, in the format the import takes back. */
export function ExportCard() {
  return (
    <section className="card settings-card" aria-labelledby="export-title">
      <h2 id="export-title">Export</h2>
      <p className="muted">
        Every call, oldest first, one row each with both parties named (not just their ids), so the file moves to another Readout or a spreadsheet. To export some
        calls only, filter them on the Calls page and export from there.
      </p>
      <div className="form-actions">
        <ExportLinks />
      </div>
    </section>
  );
}
