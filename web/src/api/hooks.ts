import { useCallback, useEffect, useRef, useState } from 'react';
import { api, Query, Service } from './client';

export interface Loaded<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  reload: () => void;
}

/** GET a resource and keep it fresh when its path or query change. */
export function useApi<T>(
  service: Service,
  path: string | null,
  query?: Query,
): Loaded<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<Error>();
  const [loading, setLoading] = useState(path !== null);
  const [tick, setTick] = useState(0);
  const key = JSON.stringify(query ?? {});

  useEffect(() => {
    if (path === null) {
      setLoading(false);
      return;
    }
    const controller = new AbortController();
    setLoading(true);
    setError(undefined);
    api<T>(service, path, { query: JSON.parse(key) as Query, signal: controller.signal })
      .then((result) => {
        setData(result);
        setLoading(false);
      })
      .catch((err: Error) => {
        if (err.name === 'AbortError') return;
        setError(err);
        setLoading(false);
      });
    return () => controller.abort();
  }, [service, path, key, tick]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload };
}

/** The value, once it has stopped changing for `ms`. */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** Keeps the latest callback for a listener registered once. */
export function useLatest<T>(value: T) {
  const ref = useRef(value);
  ref.current = value;
  return ref;
}

let matterNames: Promise<Record<string, string>> | undefined;

/** Names of the matrix's matter types, fetched once per page load. */
export function useMatterNames(): Record<string, string> {
  const [names, setNames] = useState<Record<string, string>>({});
  useEffect(() => {
    matterNames ??= api<{ code: string; label?: string; name?: string }[]>(
      'routing',
      '/matter-types',
    )
      .then((types) =>
        Object.fromEntries(
          (Array.isArray(types) ? types : []).map((t) => [t.code, t.label ?? t.name ?? t.code]),
        ),
      )
      .catch(() => {
        matterNames = undefined;
        return {};
      });
    let live = true;
    void matterNames.then((n) => live && setNames(n));
    return () => {
      live = false;
    };
  }, []);
  return names;
}
