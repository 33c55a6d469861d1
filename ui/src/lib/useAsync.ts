import { useEffect, useState } from 'react';

export type AsyncState<T> =
  | { state: 'loading' }
  | { state: 'error'; error: Error }
  | { state: 'done'; value: T };

/** Runs `load` whenever `deps` change, aborting the previous run; the result is a tagged state. */
export function useAsync<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]): AsyncState<T> {
  const [s, setS] = useState<AsyncState<T>>({ state: 'loading' });
  useEffect(() => {
    const ctl = new AbortController();
    setS({ state: 'loading' });
    load(ctl.signal).then(
      (value) => !ctl.signal.aborted && setS({ state: 'done', value }),
      (error: Error) => !ctl.signal.aborted && setS({ state: 'error', error }),
    );
    return () => ctl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return s;
}
