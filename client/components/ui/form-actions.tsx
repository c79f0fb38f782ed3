import { Button } from './button.tsx';

/** A form's submit button and its Cancel button; both wait while the form is saving. */
export function FormActions({ submitLabel, busy, onCancel }: { submitLabel: string; busy: boolean; onCancel: () => void }) {
  return (
    <div className="form-actions">
      <Button type="submit" variant="primary" busy={busy}>
        {submitLabel}
      </Button>
      <Button onClick={onCancel} disabled={busy}>
        Cancel
      </Button>
    </div>
  );
}
