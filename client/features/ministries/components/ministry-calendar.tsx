import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '#client/components/ui/button.tsx';
import { countryLabel } from '#client/lib/country.ts';
import { formatLocalDate } from '#client/lib/format.ts';
import { WEEKDAYS } from '#shared/domain/availability/working-hours.ts';
import type { Ministry } from '#shared/schemas/ministries.ts';
import { ministryHolidaysQuery } from '../api/ministries.ts';
import { WEEKDAY_NAMES, describeDay } from '../lib/hours-form.ts';
import { HoursEditorDialog } from './hours-editor.tsx';
import '../calendar.css';

const SHOWN_HOLIDAYS = 8;

/** The ministry's week, its holiday rules and its next holidays; analysts can edit them. */
export function MinistryCalendar({ ministry, canEdit }: { ministry: Ministry; canEdit: boolean }) {
  const [editing, setEditing] = useState(false);
  const holidays = useQuery(ministryHolidaysQuery(ministry.id));
  const next = holidays.data?.items.slice(0, SHOWN_HOLIDAYS) ?? [];
  return (
    <section className="section" aria-labelledby="ministry-hours-title">
      <div className="section-head">
        <h2 id="ministry-hours-title">Working hours and holidays</h2>
        {canEdit ? (
          <Button size="small" onClick={() => setEditing(true)}>
            Edit hours and holidays
          </Button>
        ) : null}
      </div>
      <p className="muted section-intro">Waits are also counted in this working time, in each official’s own time zone.</p>
      <div className="calendar-grid">
        <table className="hours-table">
          <caption className="visually-hidden">Working hours per weekday</caption>
          <tbody>
            {WEEKDAYS.map((day) => (
              <tr key={day}>
                <th scope="row">{WEEKDAY_NAMES[day]}</th>
                <td className={ministry.workingHours[day].length === 0 ? 'muted' : undefined}>{describeDay(ministry.workingHours[day])}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div>
          <p>
            {ministry.countryHolidays ? `Public holidays of ${countryLabel(ministry.country)} are days off` : `Public holidays of ${countryLabel(ministry.country)} are not counted`}
            {ministry.extraHolidays.length > 0 ? `, and ${ministry.extraHolidays.length} extra day${ministry.extraHolidays.length === 1 ? '' : 's'}` : ''}.
          </p>
          {holidays.data && !holidays.data.countryHolidaysKnown && ministry.countryHolidays ? (
            <p className="muted">The holiday data set has no public holidays for this country; add its days off as extra dates.</p>
          ) : null}
          <h3 className="subhead">Next holidays</h3>
          {holidays.isPending ? <p className="muted">Loading…</p> : null}
          {holidays.isError ? <p className="muted">The holidays could not be loaded.</p> : null}
          {holidays.data && next.length === 0 ? <p className="muted">None in the coming year.</p> : null}
          {next.length > 0 ? (
            <ul className="holiday-list">
              {next.map((h) => (
                <li key={h.date}>
                  <span className="holiday-date">{formatLocalDate(h.date)}</span> {h.name}
                  {h.kind === 'extra' ? <span className="muted"> (extra)</span> : null}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      </div>
      {canEdit ? <HoursEditorDialog open={editing} ministry={ministry} onClose={() => setEditing(false)} /> : null}
    </section>
  );
}
