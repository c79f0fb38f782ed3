import { useSyncExternalStore } from 'react';

export type NoticeTone = 'info' | 'success' | 'error';

/** A button in the notice ("Undo"); using it dismisses the notice. */
export interface NoticeAction {
  label: string;
  run: () => void;
}

export interface Notice {
  id: number;
  tone: NoticeTone;
  message: string;
  action?: NoticeAction;
}

const listeners = new Set<() => void>();
let notices: readonly Notice[] = [];
let nextId = 1;

function emit() {
  listeners.forEach((listener) => listener());
}

/** Dismisses a notice now. */
export function dismissNotice(id: number) {
  notices = notices.filter((n) => n.id !== id);
  emit();
}

/**
 * Shows a short message in the page's notice area (announced to screen
 * readers: errors assertively, the rest politely). Errors stay until
 * dismissed; others fade after a few seconds (a little longer with an
 * action, so there is time to reach it).
 */
export function notify(message: string, tone: NoticeTone = 'info', action?: NoticeAction): number {
  const id = nextId++;
  notices = [...notices.slice(-4), action ? { id, tone, message, action } : { id, tone, message }];
  emit();
  if (tone !== 'error') setTimeout(() => dismissNotice(id), action ? 10_000 : 6_000);
  return id;
}

export function useNotices(): readonly Notice[] {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => notices,
    () => notices,
  );
}
