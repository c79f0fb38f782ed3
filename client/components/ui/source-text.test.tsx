// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SourceText, findWebAddresses } from './source-text.tsx';

afterEach(cleanup);

describe('a call’s source', () => {
  it('links every web address in it, without the trailing punctuation', () => {
    expect(findWebAddresses('See https://a.example/x; and (https://b.example/y).').map((f) => f.url)).toEqual(['https://a.example/x', 'https://b.example/y']);
    render(<SourceText source="Readout: https://www.state.gov/r/pa/prs/ps/2013/02/204426.htm, and the briefing" />);
    const link = screen.getByRole('link');
    expect(link.getAttribute('href')).toBe('https://www.state.gov/r/pa/prs/ps/2013/02/204426.htm');
    expect(link.getAttribute('rel')).toBe('noreferrer noopener');
    expect(link.parentElement?.textContent).toBe('Readout: https://www.state.gov/r/pa/prs/ps/2013/02/204426.htm, and the briefing');
  });

  it('never makes a link of another scheme', () => {
    render(<SourceText source="javascript:alert(1) or data:text/html,hi" />);
    expect(screen.queryByRole('link')).toBeNull();
  });
});
