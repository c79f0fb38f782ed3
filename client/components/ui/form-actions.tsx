import type { ReactNode } from 'react';
import { Button } from './button.tsx';

/** A form's submit button and its Cancel button; both wait while the form is saving. Children follow the buttons. */
export function FormActions({ submitLabel, busy, onCancel, children }: { submitLabel: string; busy: boolean; onCancel: () => void; children?: ReactNode }) {
  return (
    <div className="form-actions">
      <Button type="submit" variant="primary" busy={busy}>
        {submitLabel}
      </Button>
      <Button onClick={onCancel} disabled={busy}>
        Cancel
      </Button>
      {children}
    </div>
  );
}
