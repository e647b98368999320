import { useCallback, useEffect, useEffectEvent, useState, type DependencyList } from 'react';

export interface Resource<T> {
  /** The newest answer; kept on screen while a newer one loads, undefined before the first. */
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** Loads again with the same deps (after a change the page made). */
  reload: () => void;
}

interface State<T> {
  data: T | undefined;
  error: unknown;
  /** The load this answer belongs to: while it differs from the current one, a newer load runs. */
  answered: string | null;
}

/**
 * Loads data for a page and loads it again when `deps` change or `reload()` is called. Each load gets
 * its own AbortSignal, aborted as soon as a newer load starts (or the page goes): an older answer
 * that arrives late is dropped, so a quick change of sort or search never shows an old page.
 */
export function useResource<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): Resource<T> {
  const [state, setState] = useState<State<T>>({ data: undefined, error: null, answered: null });
  const [generation, setGeneration] = useState(0);
  // Always the newest closure, so callers may pass an inline function: only deps decide when to load.
  const loadNow = useEffectEvent(load);
  // Deps are plain values (ids, a sort, a search): their JSON names the load they ask for.
  const wanted = JSON.stringify([...deps, generation]);

  useEffect(() => {
    const controller = new AbortController();
    const current = () => !controller.signal.aborted;
    loadNow(controller.signal).then(
      (data) => current() && setState({ data, error: null, answered: wanted }),
      (error: unknown) => current() && setState((s) => ({ ...s, error, answered: wanted })),
    );
    return () => controller.abort();
  }, [wanted]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { data: state.data, error: state.error, loading: state.answered !== wanted, reload };
}
