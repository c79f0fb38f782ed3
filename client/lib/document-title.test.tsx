// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { PageHeader } from '#client/components/ui/page-header.tsx';
import { documentTitle, TitleSectionContext } from './document-title.ts';

afterEach(cleanup);

describe('the document title', () => {
  it('names the page, its section and the app, leaving out empty and repeated parts', () => {
    expect(documentTitle(['MFA Russia', 'Ministries'])).toBe('MFA Russia · Ministries · Readout');
    expect(documentTitle(['Ministries', 'Ministries'])).toBe('Ministries · Readout');
    expect(documentTitle(['Response times', 'response times'])).toBe('Response times · Readout');
    expect(documentTitle([undefined, ' ', null])).toBe('Readout');
    expect(documentTitle(['Log a call', undefined])).toBe('Log a call · Readout');
  });

  it('is set by every page header, with the section the frame provides', () => {
    const { rerender } = render(
      <TitleSectionContext.Provider value={{ section: 'Ministries', path: '/ministries/m1' }}>
        <PageHeader title="MFA Russia" />
      </TitleSectionContext.Provider>,
    );
    expect(document.title).toBe('MFA Russia · Ministries · Readout');
    rerender(
      <TitleSectionContext.Provider value={{ section: 'Board', path: '/' }}>
        <PageHeader title="Awaiting callback" documentTitle="Board" />
      </TitleSectionContext.Provider>,
    );
    expect(document.title).toBe('Board · Readout');
  });

  it('sets the title again on arrival at another path, even when it reads the same', () => {
    const header = (path: string) => (
      <TitleSectionContext.Provider value={{ section: 'Calls', path }}>
        <PageHeader title="Follow-up" />
      </TitleSectionContext.Provider>
    );
    const { rerender } = render(header('/calls/a'));
    document.title = 'Calls · Readout';
    rerender(header('/calls/b'));
    expect(document.title).toBe('Follow-up · Calls · Readout');
  });
});
