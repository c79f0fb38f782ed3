import { Button } from './button.tsx';

/** The Edit and Delete buttons of a record's page header. */
export function EditDeleteButtons({ onEdit, onDelete }: { onEdit: () => void; onDelete: () => void }) {
  return (
    <>
      <Button onClick={onEdit}>Edit</Button>
      <Button variant="danger" onClick={onDelete}>
        Delete
      </Button>
    </>
  );
}
