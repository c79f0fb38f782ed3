import { createContext, useContext, useEffect } from 'react';

const APP = 'Readout';

/**
 * "MFA Russia · Ministries · Readout": the page, then the section it sits in,
 * then the app. Empty parts and a part repeating the one before (a list page
 * whose heading is its section's name) are left out.
 */
export function documentTitle(parts: readonly (string | null | undefined)[]): string {
  const kept: string[] = [];
  for (const part of parts) {
    const text = part?.trim();
    if (text && text.toLowerCase() !== kept.at(-1)?.toLowerCase()) kept.push(text);
  }
  return [...kept, APP].join(' · ');
}

/**
 * Provided by the app's frame: the navigation section the current page belongs
 * to ("Ministries"), and the path, so the title is set again on every arrival.
 */
export const TitleSectionContext = createContext<{ section?: string; path?: string }>({});

/**
 * Names the browser tab (and what a screen reader announces on arrival) after
 * the page: its own parts, then the section from TitleSectionContext. Every
 * page header calls it, so a new page is titled without doing anything.
 */
export function useDocumentTitle(parts: readonly (string | null | undefined)[]): void {
  const { section, path } = useContext(TitleSectionContext);
  const title = documentTitle([...parts, section]);
  useEffect(() => {
    document.title = title;
  }, [title, path]);
}
