import { useEffect, useState } from 'react';
import { apiKey, clearApiKey } from './api/session';
import { KeyGate } from './components/KeyGate';
import { Link, match, navigate, useLocation } from './lib/router';
import { CompareView } from './views/CompareView';
import { DashboardsView } from './views/DashboardsView';
import { TraceDetailView } from './views/TraceDetailView';
import { TraceListView } from './views/TraceListView';

export function App() {
  const [hasKey, setHasKey] = useState(() => apiKey() !== null);
  const loc = useLocation();

  useEffect(() => {
    if (loc.path === '/' || loc.path === '') navigate('/traces' + window.location.search, { replace: true });
  }, [loc.path]);

  if (!hasKey) return <KeyGate onKey={() => setHasKey(true)} />;

  const detail = match('/traces/:id', loc.path);
  let view;
  if (loc.path === '/traces') view = <TraceListView />;
  else if (detail) view = <TraceDetailView key={detail.id} traceId={detail.id} />;
  else if (loc.path === '/dashboards') view = <DashboardsView />;
  else if (loc.path === '/compare') view = <CompareView />;
  else if (loc.path === '/' || loc.path === '') view = null;
  else
    view = (
      <div className="state empty" data-testid="not-found">
        No page at <code>{loc.path}</code>. Go to the <Link to="/traces">trace list</Link>.
      </div>
    );

  const tab = (to: string, label: string) => (
    <Link to={to} className={loc.path.startsWith(to) ? 'active' : undefined}>
      {label}
    </Link>
  );
  return (
    <div className="app">
      <nav className="top">
        <span className="brand">OVPO</span>
        {tab('/traces', 'Traces')}
        {tab('/dashboards', 'Dashboards')}
        {tab('/compare', 'Compare')}
        <span className="spacer" />
        <button
          type="button"
          className="linkish"
          onClick={() => {
            clearApiKey();
            setHasKey(false);
          }}
        >
          Forget API key
        </button>
      </nav>
      <main>{view}</main>
    </div>
  );
}
