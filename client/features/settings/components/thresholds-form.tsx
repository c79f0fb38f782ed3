import { useState } from 'react';
import { hasChanges, useLeaveGuard } from '#client/lib/use-leave-guard.tsx';
import { Button } from '#client/components/ui/button.tsx';
import { Field } from '#client/components/ui/field.tsx';
import { fieldErrors, type FieldErrors } from '#client/lib/field-errors.ts';
import { notify } from '#client/lib/notices.ts';
import { WaitThresholds, defaultThresholds, thresholdsStore } from '#client/lib/preferences.ts';

type Key = keyof WaitThresholds;
type Values = Record<Key, string>;

const asText = (t: WaitThresholds): Values => ({
  amberHours: String(t.amberHours),
  redHours: String(t.redHours),
  workingAmberHours: String(t.workingAmberHours),
  workingRedHours: String(t.workingRedHours),
});

const FIELDS: { key: Key; label: string }[][] = [
  [
    { key: 'amberHours', label: 'Amber after (hours)' },
    { key: 'redHours', label: 'Red after (hours)' },
  ],
  [
    { key: 'workingAmberHours', label: 'Amber after (working hours)' },
    { key: 'workingRedHours', label: 'Red after (working hours)' },
  ],
];

/** When a waiting call turns amber and red on the board, per clock (kept in this browser). */
export function ThresholdsForm() {
  const saved = thresholdsStore.useValue();
  const [values, setValues] = useState<Values>(() => asText(saved));
  const [errors, setErrors] = useState<FieldErrors>({});
  useLeaveGuard(hasChanges(values, asText(saved)));

  const save = (next: Values) => {
    const parsed = WaitThresholds.safeParse(Object.fromEntries(Object.entries(next).map(([k, v]) => [k, Number(v || NaN)])));
    if (!parsed.success) return setErrors(fieldErrors(parsed.error));
    setErrors({});
    thresholdsStore.write(parsed.data);
    const t = parsed.data;
    notify(`Rows now turn amber after ${t.amberHours} h or ${t.workingAmberHours} working h, and red after ${t.redHours} h or ${t.workingRedHours} working h.`, 'success');
  };

  return (
    <form
      className="card settings-card"
      aria-labelledby="thresholds-title"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        save(values);
      }}
    >
      <h2 id="thresholds-title">Waiting-time colours</h2>
      <p className="muted">
        A call still awaiting a reply turns amber, then red, on the board: on the wall clock, or in the callee’s working hours (their own time zone,
        without their holidays and absences), whichever comes first. Kept in this browser.
      </p>
      {FIELDS.map((row, i) => (
        <div className="form-grid" key={i} role="group" aria-label={i === 0 ? 'Wall clock' : 'Working time'}>
          {row.map(({ key, label }) => (
            <Field key={key} label={label} error={errors[key]}>
              {(control) => (
                <input {...control} type="number" min={1} step="any" inputMode="decimal" value={values[key]} onChange={(e) => setValues((v) => ({ ...v, [key]: e.target.value }))} />
              )}
            </Field>
          ))}
        </div>
      ))}
      <div className="form-actions">
        <Button type="submit" variant="primary">
          Save
        </Button>
        <Button
          onClick={() => {
            const defaults = asText(defaultThresholds);
            setValues(defaults);
            save(defaults);
          }}
        >
          Back to 24 h and 72 h, 9 and 27 working h
        </Button>
      </div>
    </form>
  );
}
