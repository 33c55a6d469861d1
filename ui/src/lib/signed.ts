import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/client';

/** Signed artifact links, shared by every view and fetched again shortly before they expire. */
const REFRESH_MARGIN_MS = 30_000;
const cache = new Map<string, { url: string; expires: number }>();

function key(traceId: string, artifactId: string) {
  return `${traceId}/${artifactId}`;
}

export async function signedUrl(traceId: string, artifactId: string, force = false): Promise<{ url: string; expires: number }> {
  const k = key(traceId, artifactId);
  const hit = cache.get(k);
  if (!force && hit && hit.expires - Date.now() > REFRESH_MARGIN_MS) return hit;
  const s = await api.signedUrl(traceId, artifactId);
  const entry = { url: s.url, expires: Date.parse(s.expires_at) };
  cache.set(k, entry);
  return entry;
}

export type SignedState = { state: 'loading' } | { state: 'ready'; url: string } | { state: 'error'; message: string };

/** A signed URL for one artifact that renews itself before `expires_at`; `renew()` forces one. */
export function useSignedUrl(traceId: string, artifactId: string | undefined): [SignedState, () => void] {
  const [s, setS] = useState<SignedState>({ state: 'loading' });
  const [force, setForce] = useState(0);
  useEffect(() => {
    if (!artifactId) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let live = true;
    setS({ state: 'loading' });
    signedUrl(traceId, artifactId, force > 0).then(
      (e) => {
        if (!live) return;
        setS({ state: 'ready', url: e.url });
        const wait = Math.max(e.expires - Date.now() - REFRESH_MARGIN_MS, 5_000);
        timer = setTimeout(() => setForce((f) => f + 1), Math.min(wait, 2_147_000_000));
      },
      (err: Error) => live && setS({ state: 'error', message: err.message }),
    );
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
    };
  }, [traceId, artifactId, force]);
  const renew = useCallback(() => setForce((f) => f + 1), []);
  return [s, renew];
}
