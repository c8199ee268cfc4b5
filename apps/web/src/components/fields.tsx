import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '../api/client';
import { fieldErrorMessage } from '../api/messages';

/** ids of the hint and error elements, for aria-describedby. */
export function describedBy(id: string, hint?: ReactNode, error?: FieldError): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

export function FieldLabel({ id, label, required }: { id: string; label: string; required?: boolean }) {
  // The asterisk stays outside the <label>: the field's accessible name is exactly the label text.
  return (
    <div className="trama-label">
      <label htmlFor={id}>{label}</label>
      {required && (
        <span className="trama-required" aria-hidden="true">
          *
        </span>
      )}
    </div>
  );
}

export function FieldHelp({ id, hint, error }: { id: string; hint?: ReactNode; error?: FieldError }) {
  const { t } = useTranslation();
  return (
    <>
      {hint && (
        <small id={`${id}-hint`} className="form-text">
          {hint}
        </small>
      )}
      {error && (
        <div id={`${id}-error`} className="invalid-feedback d-block" data-testid={`${id}-error`}>
          {fieldErrorMessage(t, error)}
        </div>
      )}
    </>
  );
}

interface BaseFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: FieldError;
  hint?: ReactNode;
  required?: boolean;
  disabled?: boolean;
  maxLength?: number;
  autoComplete?: string;
}

export interface TextFieldProps extends BaseFieldProps {
  type?: 'text' | 'email' | 'password' | 'tel' | 'url' | 'date' | 'search';
  inputMode?: 'text' | 'numeric' | 'email' | 'tel' | 'url' | 'search';
  placeholder?: string;
  spellCheck?: boolean;
}

/** A labelled bootstrap-italia text input with hint and inline error (aria-invalid + aria-describedby). */
export function TextField(p: TextFieldProps) {
  return (
    <div className="form-group">
      <FieldLabel id={p.id} label={p.label} required={p.required} />
      <input
        id={p.id}
        name={p.id}
        type={p.type ?? 'text'}
        className={`form-control${p.error ? ' is-invalid' : ''}`}
        value={p.value}
        onChange={(e) => p.onChange(e.target.value)}
        aria-invalid={p.error ? true : undefined}
        aria-required={p.required || undefined}
        aria-describedby={describedBy(p.id, p.hint, p.error)}
        disabled={p.disabled}
        maxLength={p.maxLength}
        autoComplete={p.autoComplete}
        inputMode={p.inputMode}
        placeholder={p.placeholder}
        spellCheck={p.spellCheck}
      />
      <FieldHelp id={p.id} hint={p.hint} error={p.error} />
    </div>
  );
}

export function TextAreaField(p: BaseFieldProps & { rows?: number }) {
  return (
    <div className="form-group">
      <FieldLabel id={p.id} label={p.label} required={p.required} />
      <textarea
        id={p.id}
        name={p.id}
        className={`form-control${p.error ? ' is-invalid' : ''}`}
        rows={p.rows ?? 4}
        value={p.value}
        onChange={(e) => p.onChange(e.target.value)}
        aria-invalid={p.error ? true : undefined}
        aria-required={p.required || undefined}
        aria-describedby={describedBy(p.id, p.hint, p.error)}
        disabled={p.disabled}
        maxLength={p.maxLength}
      />
      <FieldHelp id={p.id} hint={p.hint} error={p.error} />
    </div>
  );
}

export interface SelectOption {
  value: string;
  label: string;
}

export function SelectField(
  p: Omit<BaseFieldProps, 'maxLength' | 'autoComplete'> & { options: SelectOption[]; placeholder?: string },
) {
  return (
    <div className="select-wrapper mb-4">
      <FieldLabel id={p.id} label={p.label} required={p.required} />
      <select
        id={p.id}
        name={p.id}
        value={p.value}
        onChange={(e) => p.onChange(e.target.value)}
        className={p.error ? 'is-invalid' : undefined}
        aria-invalid={p.error ? true : undefined}
        aria-required={p.required || undefined}
        aria-describedby={describedBy(p.id, p.hint, p.error)}
        disabled={p.disabled}
      >
        {p.placeholder !== undefined && <option value="">{p.placeholder}</option>}
        {p.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldHelp id={p.id} hint={p.hint} error={p.error} />
    </div>
  );
}

export function CheckboxField(p: {
  id: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <div className="form-check">
      <input id={p.id} type="checkbox" checked={p.checked} onChange={(e) => p.onChange(e.target.checked)} />
      <label htmlFor={p.id}>{p.label}</label>
    </div>
  );
}

/** A section of a form (legend styled h4). With an id it can take the focus (error summary link). */
export function Fieldset({ legend, children, id }: { legend: string; children: ReactNode; id?: string }) {
  return (
    <fieldset className="mb-4" id={id} tabIndex={id ? -1 : undefined}>
      <legend className="h4">{legend}</legend>
      {children}
    </fieldset>
  );
}
