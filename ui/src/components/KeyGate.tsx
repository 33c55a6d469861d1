import { useState, type FormEvent } from 'react';
import { looksLikeApiKey, setApiKey } from '../api/session';

/** Asks once for the API key; it is kept in this tab's sessionStorage, never in a URL. */
export function KeyGate({ onKey }: { onKey: () => void }) {
  const [key, setKey] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!looksLikeApiKey(key)) {
      setProblem('An OVPO key looks like ovpo_<prefix>_<secret>.');
      return;
    }
    setApiKey(key);
    onKey();
  };
  return (
    <div className="gate">
      <form onSubmit={submit} className="panel" aria-label="API key">
        <h1>OVPO</h1>
        <p>
          Enter an API key of your tenant (a <code>viewer</code> key is enough). It stays in this browser tab's
          session storage and is sent only as an <code>Authorization</code> header.
        </p>
        <input
          type="password"
          autoComplete="off"
          spellCheck={false}
          placeholder="ovpo_xxxxxxxx_…"
          aria-label="API key"
          data-testid="api-key"
          value={key}
          onChange={(e) => setKey(e.target.value)}
        />
        {problem && <p className="error-text">{problem}</p>}
        <button type="submit" data-testid="api-key-submit">
          Continue
        </button>
        <p className="muted small">
          Running <code>make demo</code>? The server prints a generated super_admin key at start.
        </p>
      </form>
    </div>
  );
}
