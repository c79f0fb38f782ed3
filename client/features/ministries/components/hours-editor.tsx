import { useState, type FormEvent } from 'react';
import { hasChanges, useLeaveGuard } from '#client/lib/use-leave-guard.tsx';
import { Alert } from '#client/components/ui/alert.tsx';
import { Button } from '#client/components/ui/button.tsx';
import { Dialog } from '#client/components/ui/dialog.tsx';
import { FormActions } from '#client/components/ui/form-actions.tsx';
import { ApiError } from '#client/lib/api-client.ts';
import { countryLabel } from '#client/lib/country.ts';
import type { FieldErrors } from '#client/lib/field-errors.ts';
import { notify } from '#client/lib/notices.ts';
import { WEEKDAYS, type Weekday } from '#shared/domain/availability/working-hours.ts';
import type { Ministry } from '#shared/schemas/ministries.ts';
import { useUpdateMinistry } from '../api/ministries.ts';
import { WEEKDAY_NAMES, type CalendarValues, calendarPatchFromForm, calendarValuesOf, pathErrors } from '../lib/hours-form.ts';

export function HoursEditorDialog({ open, ministry, onClose }: { open: boolean; ministry: Ministry; onClose: () => void }) {
  return (
    <Dialog open={open} title={`Working hours of ${ministry.shortName}`} description="In the local time of each official (their own time zone)." onClose={onClose}>
      {open ? <HoursEditor ministry={ministry} onDone={onClose} /> : null}
    </Dialog>
  );
}

function HoursEditor({ ministry, onDone }: { ministry: Ministry; onDone: () => void }) {
  const update = useUpdateMinistry(ministry.id);
  const [values, setValues] = useState<CalendarValues>(() => calendarValuesOf(ministry));
  const [newDate, setNewDate] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  useLeaveGuard(newDate !== '' || hasChanges(values, calendarValuesOf(ministry)));

  const setDay = (day: Weekday, spans: [string, string][]) => setValues((v) => ({ ...v, hours: { ...v.hours, [day]: spans } }));
  const setSpan = (day: Weekday, i: number, end: 0 | 1, text: string) =>
    setDay(day, values.hours[day].map((s, k) => (k === i ? ((end === 0 ? [text, s[1]] : [s[0], text]) as [string, string]) : s)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    event.stopPropagation();
    setFormError(null);
    const result = calendarPatchFromForm(values, ministry);
    if (!result.ok) return setErrors(result.errors);
    setErrors({});
    try {
      if (Object.keys(result.patch).length > 0) await update.mutateAsync(result.patch);
      notify(`Working hours of ${ministry.shortName} saved.`, 'success');
      onDone();
    } catch (error) {
      if (error instanceof ApiError) {
        setErrors(pathErrors(error));
        setFormError(error.message);
      } else setFormError(error instanceof Error ? error.message : String(error));
    }
  };

  const addDate = () => {
    if (!newDate || values.extraHolidays.includes(newDate)) return;
    setValues((v) => ({ ...v, extraHolidays: [...v.extraHolidays, newDate].sort() }));
    setNewDate('');
  };

  return (
    <form onSubmit={submit} noValidate className="dialog-form hours-editor">
      {formError ? <Alert title="Not saved">{formError}</Alert> : null}
      <fieldset className="hours-week">
        <legend>Hours per day</legend>
        {WEEKDAYS.map((day) => (
          <div key={day} className="hours-day" role="group" aria-label={WEEKDAY_NAMES[day]}>
            <span className="hours-day-name">{WEEKDAY_NAMES[day]}</span>
            <div className="hours-spans">
              {values.hours[day].length === 0 ? <span className="muted">Closed</span> : null}
              {values.hours[day].map(([from, to], i) => {
                const error = errors[`workingHours.${day}.${i}.0`] ?? errors[`workingHours.${day}.${i}.1`] ?? errors[`workingHours.${day}.${i}`];
                return (
                  <div key={i} className={`hours-span${error ? ' field-invalid' : ''}`}>
                    <input
                      aria-label={`${WEEKDAY_NAMES[day]}, span ${i + 1}, from`}
                      className="hours-time"
                      inputMode="numeric"
                      placeholder="09:00"
                      value={from}
                      aria-invalid={error ? true : undefined}
                      onChange={(e) => setSpan(day, i, 0, e.target.value)}
                    />
                    <span aria-hidden="true">–</span>
                    <input
                      aria-label={`${WEEKDAY_NAMES[day]}, span ${i + 1}, to`}
                      className="hours-time"
                      inputMode="numeric"
                      placeholder="18:00"
                      value={to}
                      aria-invalid={error ? true : undefined}
                      onChange={(e) => setSpan(day, i, 1, e.target.value)}
                    />
                    <Button size="small" variant="ghost" aria-label={`Remove ${WEEKDAY_NAMES[day]} span ${i + 1}`} onClick={() => setDay(day, values.hours[day].filter((_, k) => k !== i))}>
                      ✕
                    </Button>
                    {error ? <p className="field-error">{error}</p> : null}
                  </div>
                );
              })}
            </div>
            <Button
              size="small"
              aria-label={`Add a span on ${WEEKDAY_NAMES[day]}`}
              onClick={() => {
                const last = values.hours[day][values.hours[day].length - 1];
                setDay(day, [...values.hours[day], last ? [last[1], '18:00'] : ['09:00', '18:00']]);
              }}
            >
              Add span
            </Button>
          </div>
        ))}
        <p className="field-hint">
          Times as HH:MM from 00:00 to 24:00. Several spans a day leave the gaps out (a lunch break); a night shift is two spans, one on each
          day.
        </p>
        <Button size="small" onClick={() => setValues((v) => ({ ...v, hours: { ...v.hours, tue: v.hours.mon, wed: v.hours.mon, thu: v.hours.mon, fri: v.hours.mon } }))}>
          Copy Monday to Tuesday–Friday
        </Button>
      </fieldset>
      <fieldset>
        <legend>Holidays</legend>
        <label className="checkbox">
          <input type="checkbox" checked={values.countryHolidays} onChange={(e) => setValues((v) => ({ ...v, countryHolidays: e.target.checked }))} />
          The public holidays of {countryLabel(ministry.country)} are days off
        </label>
        <div className="extra-dates">
          <span className="field-label">Extra days off</span>
          {values.extraHolidays.length === 0 ? <p className="muted">None.</p> : null}
          <ul className="chips">
            {values.extraHolidays.map((d, i) => (
              <li key={d} className={errors[`extraHolidays.${i}`] ? 'field-invalid' : undefined}>
                {d}
                <Button size="small" variant="ghost" aria-label={`Remove ${d}`} onClick={() => setValues((v) => ({ ...v, extraHolidays: v.extraHolidays.filter((x) => x !== d) }))}>
                  ✕
                </Button>
              </li>
            ))}
          </ul>
          <div className="extra-add">
            <input type="date" aria-label="Extra day off" value={newDate} onChange={(e) => setNewDate(e.target.value)} />
            <Button size="small" onClick={addDate} disabled={!newDate}>
              Add date
            </Button>
          </div>
        </div>
      </fieldset>
      <FormActions submitLabel="Save hours" busy={update.isPending} onCancel={onDone} />
    </form>
  );
}
