// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { createMemoryRouter, Link, Outlet, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { hasChanges, LeaveGuardRoot, useLeaveGuard } from './use-leave-guard.tsx';

afterEach(cleanup);

function TopicForm() {
  const [topic, setTopic] = useState('');
  const guard = useLeaveGuard(topic !== '');
  return (
    <form>
      <label>
        Topic <input value={topic} onChange={(event) => setTopic(event.target.value)} />
      </label>
      <Link to="/board">Board</Link>
      <Link to="/form?tab=2">Other tab</Link>
      <button type="button" onClick={() => guard.release()}>
        Saved
      </button>
    </form>
  );
}

function renderApp() {
  const router = createMemoryRouter(
    [
      {
        element: (
          <>
            <Outlet />
            <LeaveGuardRoot />
          </>
        ),
        children: [
          { path: '/form', element: <TopicForm /> },
          { path: '/board', element: <h1>Board</h1> },
        ],
      },
    ],
    { initialEntries: ['/form'] },
  );
  render(<RouterProvider router={router} />);
  return router;
}

const unloadPrevented = () => {
  const event = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(event);
  return event.defaultPrevented;
};

describe('the leave guard of a half-filled form', () => {
  it('lets a clean form go without asking, from the app and from the tab', () => {
    const router = renderApp();
    expect(unloadPrevented()).toBe(false);
    fireEvent.click(screen.getByRole('link', { name: 'Board' }));
    expect(router.state.location.pathname).toBe('/board');
  });

  it('asks before leaving a dirty form: Stay keeps it, Leave goes', async () => {
    const router = renderApp();
    fireEvent.change(screen.getByLabelText('Topic'), { target: { value: 'North Korea' } });
    expect(unloadPrevented()).toBe(true);
    await act(async () => fireEvent.click(screen.getByRole('link', { name: 'Board' })));
    expect(screen.getByRole('dialog', { name: 'Leave without saving?' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/form');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Stay and finish' })));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect((screen.getByLabelText('Topic') as HTMLInputElement).value).toBe('North Korea');

    // Only the query changing (a filter, a tab) is not leaving.
    await act(async () => fireEvent.click(screen.getByRole('link', { name: 'Other tab' })));
    expect(router.state.location.search).toBe('?tab=2');
    expect(screen.queryByRole('dialog')).toBeNull();

    await act(async () => fireEvent.click(screen.getByRole('link', { name: 'Board' })));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Leave without saving' })));
    expect(router.state.location.pathname).toBe('/board');
    // The form is gone, and with it the question.
    expect(unloadPrevented()).toBe(false);
  });

  it('asks nothing once the form is saved', async () => {
    const router = renderApp();
    fireEvent.change(screen.getByLabelText('Topic'), { target: { value: 'North Korea' } });
    fireEvent.click(screen.getByRole('button', { name: 'Saved' }));
    expect(unloadPrevented()).toBe(false);
    await act(async () => fireEvent.click(screen.getByRole('link', { name: 'Board' })));
    expect(router.state.location.pathname).toBe('/board');
  });

  it('compares a form’s values with those it started from', () => {
    expect(hasChanges({ topic: '', ids: ['a'] }, { topic: '', ids: ['a'] })).toBe(false);
    expect(hasChanges({ topic: 'x', ids: ['a'] }, { topic: '', ids: ['a'] })).toBe(true);
  });
});
