import { createElement, useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

/**
 * A small history router: the app's routes are real paths (`/traces/{id}?span=...#frame=12`), so
 * every view is a deep link and the server's SPA fallback makes a refresh on one work.
 */
const EVENT = 'ovpo:navigate';

export interface Loc {
  path: string;
  search: URLSearchParams;
  hash: string;
  href: string;
}

let cached: Loc | null = null;

function snapshot(): Loc {
  const href = window.location.pathname + window.location.search + window.location.hash;
  if (!cached || cached.href !== href) {
    cached = {
      path: window.location.pathname,
      search: new URLSearchParams(window.location.search),
      hash: window.location.hash,
      href,
    };
  }
  return cached;
}

function subscribe(cb: () => void): () => void {
  window.addEventListener('popstate', cb);
  window.addEventListener('hashchange', cb);
  window.addEventListener(EVENT, cb);
  return () => {
    window.removeEventListener('popstate', cb);
    window.removeEventListener('hashchange', cb);
    window.removeEventListener(EVENT, cb);
  };
}

export function useLocation(): Loc {
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  const current = window.location.pathname + window.location.search + window.location.hash;
  if (to === current) return;
  if (opts.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(EVENT));
}

/** `/traces/abc` against `/traces/:id` → {id: 'abc'}, or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/').filter(Boolean);
  const s = path.split('/').filter(Boolean);
  if (p.length !== s.length) return null;
  const out: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i].startsWith(':')) out[p[i].slice(1)] = decodeURIComponent(s[i]);
    else if (p[i] !== s[i]) return null;
  }
  return out;
}

/** An anchor that navigates in-app on a plain click and stays a real link otherwise. */
export function Link(props: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) {
  const { to, onClick, ...rest } = props;
  return createElement('a', {
    ...rest,
    href: to,
    onClick: (e: MouseEvent<HTMLAnchorElement>) => {
      onClick?.(e);
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      e.preventDefault();
      navigate(to);
    },
  });
}
