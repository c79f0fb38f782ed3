/**
 * Series colours: the Okabe–Ito palette (distinguishable with the common
 * colour-vision deficiencies), minus yellow and black, which vanish on one of
 * the two themes.
 */
export const SERIES_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#8C8C8C'] as const;

export function seriesColour(index: number): string {
  return SERIES_COLOURS[index % SERIES_COLOURS.length]!;
}

/** Fixed roles in the bar charts. */
export const COLOURS = {
  median: '#56B4E9',
  p90: '#0072B2',
  survival: '#D55E00',
  responded: '#009E73',
  withdrawn: '#8C8C8C',
  awaiting: '#E69F00',
} as const;
