import { Component, type ErrorInfo, type ReactNode } from 'react';
import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { Alert } from '../components/ui/alert.tsx';
import { useDocumentTitle } from '../lib/document-title.ts';

/** What a route shows when its page throws while rendering or loading. */
export function RouteError() {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  useDocumentTitle([notFound ? 'Page not found' : 'Something went wrong']);
  if (notFound) {
    return (
      <main className="page">
        <Alert tone="warning" title="Page not found" />
        <Link to="/">Back to the board</Link>
      </main>
    );
  }
  return (
    <main className="page">
      <Alert title="Something went wrong on this page">{errorMessage(error)}</Alert>
      <p>
        <button type="button" className="btn btn-secondary" onClick={() => window.location.reload()}>
          Reload
        </button>{' '}
        <Link to="/">Back to the board</Link>
      </p>
    </main>
  );
}

/**
 * Keeps one broken part of a page (a chart, a list) from taking the rest down.
 * `resetKey` changing (e.g. the route) gives the part another try.
 */
export class ErrorBoundary extends Component<{ children: ReactNode; label?: string; resetKey?: unknown }, { error: unknown; key: unknown }> {
  state = { error: null as unknown, key: this.props.resetKey };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  static getDerivedStateFromProps(props: { resetKey?: unknown }, state: { error: unknown; key: unknown }) {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }

  componentDidCatch(error: unknown, info: ErrorInfo) {
    console.warn('Part of the page failed', error, info.componentStack);
  }

  render() {
    if (this.state.error) {
      return (
        <Alert title={`${this.props.label ?? 'This part of the page'} could not be shown`}>
          {errorMessage(this.state.error)}{' '}
          <button type="button" className="btn btn-small btn-secondary" onClick={() => this.setState({ error: null })}>
            Try again
          </button>
        </Alert>
      );
    }
    return this.props.children;
  }
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (isRouteErrorResponse(error)) return `${error.status} ${error.statusText}`;
  return 'An unexpected error occurred.';
}
