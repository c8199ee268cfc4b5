import { Button } from 'design-react-kit';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { useDebounced } from './use-debounced';

/**
 * List filters live in the URL (shareable, kept on back/forward). `setParam` sets a param, or removes it
 * when blank, replacing the history entry; `adjust` may change other params in the same step.
 */
export function useSearchParamSetter() {
  const [params, setParams] = useSearchParams();
  function setParam(key: string, value: string, adjust?: (next: URLSearchParams) => void) {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        adjust?.(next);
        return next;
      },
      { replace: true },
    );
  }
  const clearParams = () => setParams(new URLSearchParams(), { replace: true });
  return { params, setParam, clearParams };
}

/**
 * The text of a search box: it goes to the URL (through `apply`, trimmed) once typing pauses, while the
 * other filters apply at once.
 */
export function useSearchText(urlValue: string, apply: (value: string) => void) {
  const [text, setText] = useState(urlValue);
  const debounced = useDebounced(text, 300);
  useEffect(() => {
    if (urlValue !== debounced.trim()) apply(debounced.trim());
  }, [debounced]);
  return [text, setText] as const;
}

/**
 * The filters of a list page, read from the URL params named in `keys` (blank ones left out), with the
 * search text `q`. With `labels`, a filter set from a picker keeps its label in `<key>Label` too.
 */
export function useUrlFilters<K extends string>(
  keys: readonly ('q' | K)[],
  options: { labels?: boolean } = {},
) {
  const { params, setParam, clearParams } = useSearchParamSetter();
  const filters = useMemo(() => {
    const f: Partial<Record<'q' | K, string>> = {};
    for (const k of keys) {
      const v = params.get(k);
      if (v) f[k] = v;
    }
    return f;
  }, [params]);
  function setFilter(key: 'q' | K, value: string, label?: string) {
    setParam(
      key,
      value,
      options.labels
        ? (next) => {
            if (label && value) next.set(`${key}Label`, label);
            else next.delete(`${key}Label`);
          }
        : undefined,
    );
  }
  const [text, setText] = useSearchText(filters.q ?? '', (v) => setFilter('q', v));
  function resetFilters() {
    setText('');
    clearParams();
  }
  const hasFilters = keys.some((k) => filters[k]);
  return { params, filters, setFilter, text, setText, resetFilters, hasFilters };
}

/** The filter bar of a list page (a search landmark); submitting (Enter) runs `onSubmit`. */
export function FilterForm({
  label,
  onSubmit,
  className = 'mb-4',
  children,
}: {
  label: string;
  onSubmit?: () => void;
  className?: string;
  children: ReactNode;
}) {
  return (
    <form
      role="search"
      aria-label={label}
      className={`trama-filters ${className}`}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit?.();
      }}
    >
      <div className="row">{children}</div>
    </form>
  );
}

/** "Clear filters": disabled while nothing is filtered. */
export function ResetFiltersButton({
  disabled,
  onClick,
  children,
}: {
  disabled: boolean;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <Button color="secondary" outline type="button" disabled={disabled} onClick={onClick}>
      {children}
    </Button>
  );
}
