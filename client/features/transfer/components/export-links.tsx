import { type ExportFilters, exportUrl } from '../api/transfer.ts';

/** Download links for the calls these filters select, in the format the import takes back. */
export function ExportLinks({ filters = {}, label = 'Download' }: { filters?: ExportFilters; label?: string }) {
  return (
    <>
      <a className="btn btn-primary" href={exportUrl('csv', filters)} download title="Every call these filters select, all pages, for a spreadsheet">
        {label} CSV
      </a>
      <a className="btn btn-secondary" href={exportUrl('json', filters)} download title="Every call these filters select, all pages, as JSON">
        {label} JSON
      </a>
    </>
  );
}
