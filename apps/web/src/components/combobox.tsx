import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '../api/client';
import { FieldHelp, FieldLabel, describedBy } from './fields';
import { useDebounced } from './use-debounced';

export interface ComboboxOption {
  value: string;
  label: string;
  /** Secondary text shown under the label (e.g. the province, the ATECO code). */
  description?: string;
}

export interface ComboboxProps {
  id: string;
  label: string;
  value: ComboboxOption | null;
  onChange: (option: ComboboxOption | null) => void;
  /** Cache key prefix of the look-up; the typed text is appended. */
  queryKey: readonly unknown[];
  search: (q: string, signal: AbortSignal) => Promise<ComboboxOption[]>;
  minChars?: number;
  error?: FieldError;
  hint?: ReactNode;
  required?: boolean;
  placeholder?: string;
  disabled?: boolean;
}

/**
 * Type-ahead picker following the WAI-ARIA 1.2 combobox pattern (list autocomplete):
 * the input keeps focus; ArrowUp/ArrowDown move the active option (aria-activedescendant),
 * Enter picks it, Escape closes the list (or clears the text when closed).
 * Leaving the field without picking restores the current choice.
 */
export function Combobox(p: ComboboxProps) {
  const { t } = useTranslation();
  const minChars = p.minChars ?? 2;
  const listId = `${p.id}-listbox`;
  const statusId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState(p.value?.label ?? '');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const debounced = useDebounced(text.trim(), 250);
  const enabled = open && debounced.length >= minChars;

  // Follow a value set from outside (form reset, edit data loaded) while the user is not typing.
  const valueLabel = p.value?.label ?? '';
  useEffect(() => {
    if (document.activeElement !== inputRef.current) setText(valueLabel);
  }, [valueLabel]);

  const query = useQuery({
    queryKey: [...p.queryKey, debounced],
    queryFn: ({ signal }) => p.search(debounced, signal),
    enabled,
    staleTime: 5 * 60_000,
    placeholderData: keepPreviousData,
  });
  const options = enabled ? (query.data ?? []) : [];
  const waiting = open && text.trim().length >= minChars && (debounced !== text.trim() || query.isFetching);
  const showList = open && options.length > 0;

  useEffect(() => {
    setActive(-1);
  }, [debounced]);

  useEffect(() => {
    if (active >= 0)
      document.getElementById(`${p.id}-option-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [active, p.id]);

  function pick(o: ComboboxOption) {
    p.onChange(o);
    setText(o.label);
    setOpen(false);
    setActive(-1);
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        if (!open) {
          setOpen(true);
          if (!e.altKey && options.length) setActive(0);
        } else if (options.length) setActive((a) => (a + 1) % options.length);
        break;
      case 'ArrowUp':
        e.preventDefault();
        if (!open) setOpen(true);
        if (options.length) setActive((a) => (a <= 0 ? options.length - 1 : a - 1));
        break;
      case 'Enter': {
        const o = showList
          ? active >= 0
            ? options[active]
            : options.length === 1
              ? options[0]
              : undefined
          : undefined;
        if (o) {
          e.preventDefault();
          pick(o);
        } else if (open && text !== valueLabel) {
          // Typed text not picked yet (results may still be loading): Enter must not submit the form.
          e.preventDefault();
        }
        break;
      }
      case 'Escape':
        if (open) {
          e.preventDefault();
          setOpen(false);
          setActive(-1);
        } else if (text) {
          e.preventDefault();
          setText('');
          p.onChange(null);
        }
        break;
      default:
        break;
    }
  }

  function onBlur() {
    setOpen(false);
    setActive(-1);
    if (text.trim() === '') {
      if (p.value) p.onChange(null);
      setText('');
    } else {
      setText(valueLabel);
    }
  }

  let status = '';
  if (open) {
    if (text.trim().length < minChars) status = t('combobox.typeMore', { count: minChars });
    else if (waiting) status = t('combobox.searching');
    else if (query.isError) status = t('combobox.failed');
    else if (options.length === 0) status = t('combobox.noResults');
    else status = t('combobox.results', { count: options.length });
  }

  return (
    <div className="form-group trama-combobox">
      <FieldLabel id={p.id} label={p.label} required={p.required} />
      <input
        ref={inputRef}
        id={p.id}
        name={p.id}
        type="text"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        className={`form-control${p.error ? ' is-invalid' : ''}`}
        aria-autocomplete="list"
        aria-expanded={showList}
        aria-controls={listId}
        aria-activedescendant={showList && active >= 0 ? `${p.id}-option-${active}` : undefined}
        aria-invalid={p.error ? true : undefined}
        aria-required={p.required || undefined}
        aria-describedby={describedBy(p.id, p.hint, p.error)}
        placeholder={p.placeholder}
        disabled={p.disabled}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onClick={() => setOpen(true)}
        onBlur={onBlur}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} role="listbox" aria-label={p.label} className="trama-combobox-list" hidden={!showList}>
        {options.map((o, i) => (
          <li
            key={o.value}
            id={`${p.id}-option-${i}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'active' : undefined}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => pick(o)}
            onMouseMove={() => setActive(i)}
          >
            <span className="trama-combobox-label">{o.label}</span>
            {o.description && <span className="trama-combobox-description">{o.description}</span>}
          </li>
        ))}
      </ul>
      <div id={statusId} className="trama-combobox-status" aria-live="polite" aria-atomic="true">
        {open && !showList ? status : <span className="visually-hidden">{status}</span>}
      </div>
      <FieldHelp id={p.id} hint={p.hint} error={p.error} />
    </div>
  );
}
