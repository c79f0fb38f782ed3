import { useEffect, useId, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

const FIRST_FIELD = ['input', 'select', 'textarea'].map((tag) => `.dialog-body ${tag}:not([type="hidden"]):not([disabled])`).join(', ');

export interface DialogProps {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** A line under the title. */
  description?: ReactNode;
}

/**
 * A modal built on <dialog>: the browser traps focus, closes it on Escape and
 * returns focus to where it was, and the rest of the page becomes inert.
 * React still bubbles events from the portal to the component that rendered
 * it: a form inside must stop its submit event (see `stopSubmit`).
 */
export function Dialog({ open, title, description, onClose, children }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
      // The browser focuses the first focusable element, the close button:
      // the first field is where the analyst wants to start typing (or the
      // element marked data-autofocus, e.g. a question's safe answer).
      (dialog.querySelector<HTMLElement>('[data-autofocus]') ?? dialog.querySelector<HTMLElement>(FIRST_FIELD))?.focus();
    } else if (!open && dialog.open) {
      if (typeof dialog.close === 'function') dialog.close();
      else dialog.removeAttribute('open');
    }
  }, [open]);

  // In a portal, so a dialog opened from inside a form never nests a form in a form.
  return createPortal(
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onClick={(event) => {
        // A click on the backdrop lands on the <dialog> itself.
        if (event.target === ref.current) onClose();
      }}
    >
      {open ? (
        <div className="dialog-body">
          <div className="dialog-head">
            <h2 id={titleId}>{title}</h2>
            <button type="button" className="dialog-close" onClick={onClose} aria-label="Close">
              ×
            </button>
          </div>
          {description ? (
            <p id={descriptionId} className="dialog-description">
              {description}
            </p>
          ) : null}
          {children}
        </div>
      ) : null}
    </dialog>,
    document.body,
  );
}

/** For a form inside a dialog: handles its submit without letting it reach an enclosing form. */
export function stopSubmit(handler: () => void) {
  return (event: { preventDefault(): void; stopPropagation(): void }) => {
    event.preventDefault();
    event.stopPropagation();
    handler();
  };
}
