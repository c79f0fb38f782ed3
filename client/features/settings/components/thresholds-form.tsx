import { useState } from 'react';
import { Button } from '#client/components/ui/button.tsx';
import { Field } from '#client/components/ui/field.tsx';
import { fieldErrors, type FieldErrors } from '#client/lib/field-errors.ts';
import { notify } from '#client/lib/notices.ts';
import { WaitThresholds, defaultThresholds, thresholdsStore } from '#client/lib/preferences.ts';

/** When a waiting call turns amber and red on the board (kept in this browser). */
export function ThresholdsForm() {
  const saved = thresholdsStore.useValue();
  const [values, setValues] = useState({ amberHours: String(saved.amberHours), redHours: String(saved.redHours) });
  const [errors, setErrors] = useState<FieldErrors>({});

  const save = (next: { amberHours: string; redHours: string }) => {
    const parsed = WaitThresholds.safeParse({ amberHours: Number(next.amberHours || NaN), redHours: Number(next.redHours || NaN) });
    if (!parsed.success) return setErrors(fieldErrors(parsed.error));
    setErrors({});
    thresholdsStore.write(parsed.data);
    notify(`Rows now turn amber after ${parsed.data.amberHours} h and red after ${parsed.data.redHours} h.`, 'success');
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
      <p className="muted">A call still awaiting a reply turns amber, then red, on the board. Kept in this browser.</p>
      <div className="form-grid">
        <Field label="Amber after (hours)" error={errors.amberHours}>
          {(control) => <input {...control} type="number" min={1} step="any" inputMode="decimal" value={values.amberHours} onChange={(e) => setValues((v) => ({ ...v, amberHours: e.target.value }))} />}
        </Field>
        <Field label="Red after (hours)" error={errors.redHours}>
          {(control) => <input {...control} type="number" min={1} step="any" inputMode="decimal" value={values.redHours} onChange={(e) => setValues((v) => ({ ...v, redHours: e.target.value }))} />}
        </Field>
      </div>
      <div className="form-actions">
        <Button type="submit" variant="primary">
          Save
        </Button>
        <Button
          onClick={() => {
            const defaults = { amberHours: String(defaultThresholds.amberHours), redHours: String(defaultThresholds.redHours) };
            setValues(defaults);
            save(defaults);
          }}
        >
          Back to 24 h and 72 h
        </Button>
      </div>
    </form>
  );
}
