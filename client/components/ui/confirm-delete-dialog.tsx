import { Alert } from './alert.tsx';
import { Button } from './button.tsx';
import { Dialog } from './dialog.tsx';

export interface ConfirmDeleteDialogProps {
  open: boolean;
  title: string;
  description: string;
  /** Why the last attempt failed, shown above the buttons. */
  error?: string | null;
  busy: boolean;
  onConfirm: () => void;
  onClose: () => void;
  /** The confirming button's word, when it is not a deletion ("Revoke", "End"). */
  confirmLabel?: string;
}

/** Asks before deleting a record: a Delete button and a Cancel button. */
export function ConfirmDeleteDialog({ open, title, description, error, busy, onConfirm, onClose, confirmLabel = 'Delete' }: ConfirmDeleteDialogProps) {
  return (
    <Dialog open={open} title={title} description={description} onClose={onClose}>
      {error ? <Alert title={confirmLabel === 'Delete' ? 'Not deleted' : 'Not done'}>{error}</Alert> : null}
      <div className="form-actions">
        <Button variant="danger" busy={busy} onClick={onConfirm}>
          {confirmLabel}
        </Button>
        <Button onClick={onClose}>Cancel</Button>
      </div>
    </Dialog>
  );
}

/** What a confirm dialog needs of the mutation it runs (a react-query `useMutation` result). */
export interface ConfirmedAction {
  error: Error | null;
  isPending: boolean;
  reset: () => void;
}

/**
 * A ConfirmDeleteDialog for one mutation: shows its error and progress, and
 * forgets a failed try when it closes, so it opens clean next time.
 */
export function ConfirmActionDialog({ action, onClose, ...props }: Omit<ConfirmDeleteDialogProps, 'error' | 'busy'> & { action: ConfirmedAction }) {
  return (
    <ConfirmDeleteDialog
      {...props}
      error={action.error?.message}
      busy={action.isPending}
      onClose={() => {
        onClose();
        action.reset();
      }}
    />
  );
}
