import { useId } from 'react';
import { Button } from './button.tsx';

/**
 * The Edit and Delete buttons of a record's page header. `deleteBlocked`,
 * when the server would refuse the deletion, disables Delete and says why
 * beside it, up front rather than after a confirmation.
 */
export function EditDeleteButtons({ onEdit, onDelete, deleteBlocked }: { onEdit: () => void; onDelete: () => void; deleteBlocked?: string | null }) {
  const reasonId = useId();
  return (
    <>
      <Button onClick={onEdit}>Edit</Button>
      <Button variant="danger" onClick={onDelete} disabled={Boolean(deleteBlocked)} aria-describedby={deleteBlocked ? reasonId : undefined}>
        Delete
      </Button>
      {deleteBlocked ? (
        <span id={reasonId} className="muted small delete-blocked">
          {deleteBlocked}
        </span>
      ) : null}
    </>
  );
}
