import { useEffect } from 'react';

/** Marks of the Performance API the benchmark reads (bench/harness/board.ts). */
export const BOARD_FIRST_ROWS = 'readout:board-first-rows';
export const BOARD_ALL_LOADED = 'readout:board-all-loaded';

// Once per page load: the board's first showing is what is measured, not a later refetch.
const marked = { first: false, all: false };

/** Marks when the board first shows rows, and when every open call is loaded (detail: how many rows). */
export function useBoardMarks(rows: number, complete: boolean): void {
  useEffect(() => {
    if (typeof performance.mark !== 'function') return;
    if (rows > 0 && !marked.first) {
      marked.first = true;
      performance.mark(BOARD_FIRST_ROWS, { detail: { rows } });
    }
    if (complete && !marked.all) {
      marked.all = true;
      performance.mark(BOARD_ALL_LOADED, { detail: { rows } });
    }
  }, [rows, complete]);
}
