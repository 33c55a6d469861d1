import type { ReactNode } from 'react';
import { ApiError } from '../api/client';
import type { TraceStatus } from '../api/types';
import { clearApiKey } from '../api/session';

export function StatusBadge({ status }: { status: TraceStatus | string }) {
  return <span className={`badge status-${status}`}>{status}</span>;
}

export function Loading({ what }: { what: string }) {
  return (
    <div className="state loading" role="status" data-testid="loading">
      <span className="spinner" aria-hidden /> Loading {what}…
    </div>
  );
}

export function ErrorBox({ error, retry }: { error: Error; retry?: () => void }) {
  const api = error instanceof ApiError ? error : null;
  const unauth = api?.status === 401;
  return (
    <div className="state error" role="alert" data-testid="error">
      <strong>{api ? `${api.code}` : 'Error'}</strong>: {error.message}
      {api?.status === 404 && <p>No such trace for this API key's tenant.</p>}
      {api?.status === 403 && <p>This API key's role may not read this; a viewer key is enough for the UI.</p>}
      {api?.requestId && <p className="muted small">request id {api.requestId}</p>}
      <div className="actions">
        {unauth && (
          <button
            type="button"
            onClick={() => {
              clearApiKey();
              window.location.reload();
            }}
          >
            Enter another API key
          </button>
        )}
        {retry && (
          <button type="button" onClick={retry}>
            Retry
          </button>
        )}
      </div>
    </div>
  );
}

export function Panel({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <section className="panel" data-testid={testId}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

export function Tags({ tags }: { tags?: Record<string, string> }) {
  const entries = Object.entries(tags ?? {});
  if (entries.length === 0) return <span className="muted">no tags</span>;
  return (
    <span className="tags">
      {entries.map(([k, v]) => (
        <span key={k} className="tag">
          {k}:{v}
        </span>
      ))}
    </span>
  );
}
