import { Alert, Spinner } from 'design-react-kit';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api/messages';
import type { FieldErrors } from './validate';

/** A failed request, announced to screen readers (role=alert), translated by problem code. */
export function ErrorAlert({ error, testId }: { error: unknown; testId?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert fade={false} color="danger" role="alert" data-testid={testId ?? 'error-alert'}>
      {errorMessage(t, error)}
    </Alert>
  );
}

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <div className="d-flex align-items-center gap-3 my-4" role="status" aria-live="polite">
      <Spinner active small />
      <span>{label ?? t('common.loading')}</span>
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <div className="trama-empty-state my-4 p-4" data-testid="empty-state">
      <p className="h5 mb-2">{title}</p>
      {children}
    </div>
  );
}

/**
 * The list of invalid fields after a submit, linking to each field; it takes the focus so that
 * keyboard and screen reader users learn at once that the form was not sent.
 */
export function ErrorSummary({ errors, labels }: { errors: FieldErrors; labels: Record<string, string> }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const fields = Object.keys(errors);
  const signature = fields.join('|');
  useEffect(() => {
    if (signature) ref.current?.focus();
  }, [signature]);
  if (!fields.length) return null;
  return (
    <div
      ref={ref}
      tabIndex={-1}
      className="alert alert-danger"
      role="alert"
      aria-labelledby="error-summary-title"
      data-testid="error-summary"
    >
      <p id="error-summary-title" className="fw-semibold mb-2">
        {t('forms.errorSummary', { count: fields.length })}
      </p>
      <ul className="mb-0">
        {fields.map((f) => (
          <li key={f}>
            <a
              href={`#${fieldId(f)}`}
              onClick={(e) => {
                e.preventDefault();
                document.getElementById(fieldId(f))?.focus();
              }}
            >
              {labels[f] ?? f}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** DOM id of a form field from its path: "accreditations.0.validTo" -> "accreditations-0-validTo". */
export const fieldId = (path: string) => path.replace(/\./g, '-');
