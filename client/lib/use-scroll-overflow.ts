import { useCallback, useEffect, useState } from 'react';

export interface ScrollOverflow {
  /** Content hidden to the left (scrolled past). */
  before: boolean;
  /** Content hidden to the right, still to scroll to. */
  after: boolean;
}

/**
 * Whether a horizontally scrolling element has more to show on either side,
 * kept current as it scrolls or resizes: what a fade or a "more" arrow needs
 * to say that a row of links goes on off-screen.
 */
export function useScrollOverflow<T extends HTMLElement>(): [(element: T | null) => void, ScrollOverflow, T | null] {
  const [element, setElement] = useState<T | null>(null);
  const [overflow, setOverflow] = useState<ScrollOverflow>({ before: false, after: false });
  useEffect(() => {
    if (!element) return;
    const measure = () => {
      // A pixel of slack: zoomed pages report fractional scroll positions.
      const before = element.scrollLeft > 1;
      const after = element.scrollLeft + element.clientWidth < element.scrollWidth - 1;
      setOverflow((old) => (old.before === before && old.after === after ? old : { before, after }));
    };
    measure();
    element.addEventListener('scroll', measure, { passive: true });
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(measure) : null;
    observer?.observe(element);
    for (const child of element.children) observer?.observe(child);
    return () => {
      element.removeEventListener('scroll', measure);
      observer?.disconnect();
    };
  }, [element]);
  return [useCallback((next: T | null) => setElement(next), []), overflow, element];
}
