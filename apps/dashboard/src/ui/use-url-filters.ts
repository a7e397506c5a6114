import { useSearchParams } from 'react-router';

/**
 * A list page's filters, kept in the URL so a filtered view is a link: the one place they are
 * read and written. Times are entered as local `datetime-local` values and read as ISO instants.
 */
export function useUrlFilters(onChange?: () => void) {
  const [params, setParams] = useSearchParams();
  /** The raw value as entered ('' when unset), for the form's controls. */
  const value = (name: string) => params.get(name) ?? '';
  return {
    value,
    /** The filters given, by name, for the API's query (created_after / created_before as ISO instants). */
    query<N extends string>(names: readonly N[]): Partial<Record<N, string>> {
      const query: Partial<Record<N, string>> = {};
      for (const name of names) {
        const raw = params.get(name);
        if (raw) query[name] = name.startsWith('created_') ? new Date(raw).toISOString() : raw;
      }
      return query;
    },
    /** Sets one filter (an empty value removes it), replacing the history entry. */
    set(name: string, next: string) {
      const updated = new URLSearchParams(params);
      if (next) updated.set(name, next);
      else updated.delete(name);
      onChange?.();
      setParams(updated, { replace: true });
    },
  };
}
