import { useEffect, useRef } from 'react';
import { useBlocker } from 'react-router';
import { Button } from '#client/components/ui/button.tsx';
import { Dialog } from '#client/components/ui/dialog.tsx';

/** Whether a form's values differ from those it started with (plain data: strings, numbers, arrays, objects). */
export function hasChanges(values: unknown, initial: unknown): boolean {
  return JSON.stringify(values) !== JSON.stringify(initial);
}

interface GuardEntry {
  dirty: boolean;
  released: boolean;
}

// The forms on screen now (a page's form, and one in a dialog over it). The
// router takes one blocker only, so <LeaveGuardRoot> asks on behalf of all.
const guards = new Set<GuardEntry>();

/** Whether any form on screen holds changes that are not saved. */
export function hasUnsavedChanges(): boolean {
  for (const guard of guards) if (guard.dirty && !guard.released) return true;
  return false;
}

/**
 * Warns before a half-filled form is lost. Every edit form calls it with its
 * own idea of "dirty"; leaving for another page of the app then asks first,
 * and closing or reloading the tab gets the browser's own question (see
 * LeaveGuardRoot). `release()` once the form is saved: the navigation that
 * follows goes unasked.
 */
export function useLeaveGuard(dirty: boolean): { release: () => void } {
  const entry = useRef<GuardEntry>({ dirty, released: false });
  useEffect(() => {
    entry.current.dirty = dirty;
    if (dirty) entry.current.released = false;
  }, [dirty]);
  useEffect(() => {
    const current = entry.current;
    guards.add(current);
    return () => {
      guards.delete(current);
    };
  }, []);
  return {
    release: () => {
      entry.current.released = true;
    },
  };
}

/**
 * The one blocker (react-router's useBlocker) and beforeunload listener for
 * every guarded form; rendered once by the app's frame. Changing only the
 * query of the address (a filter) is not leaving.
 */
export function LeaveGuardRoot() {
  const blocker = useBlocker(({ currentLocation, nextLocation }) => currentLocation.pathname !== nextLocation.pathname && hasUnsavedChanges());
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!hasUnsavedChanges()) return;
      event.preventDefault();
      // Older browsers ask only when a return value is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, []);
  if (blocker.state !== 'blocked') return null;
  return (
    <Dialog open title="Leave without saving?" onClose={() => blocker.reset()}>
      <p>What you entered is not saved yet. Leaving this page discards it.</p>
      <div className="form-actions">
        <Button variant="primary" data-autofocus onClick={() => blocker.reset()}>
          Stay and finish
        </Button>
        <Button variant="danger" onClick={() => blocker.proceed()}>
          Leave without saving
        </Button>
      </div>
    </Dialog>
  );
}
