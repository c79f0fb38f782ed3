import { describe, expect, it } from 'vitest';
import { beyondAxisNote } from './ministry-survival.tsx';

describe('the open calls beyond the survival axis', () => {
  it('agree in number', () => {
    expect(beyondAxisNote(1)).toBe('One has waited longer than the axis shows and sits on its right edge.');
    expect(beyondAxisNote(3)).toBe('3 have waited longer than the axis shows and sit on its right edge.');
  });
});
