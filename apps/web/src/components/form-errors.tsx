import { isApiError } from '../api/client';
import { ErrorAlert, ErrorSummary } from './feedback';
import type { FieldErrors } from './validate';

/**
 * The error area at the top of a form: the summary of invalid fields, or, when no field is invalid, the
 * request error (a problem without field errors, a network failure...).
 */
export function FormErrors({
  errors,
  labels,
  error,
  testId,
}: {
  errors: FieldErrors;
  labels: Record<string, string>;
  error: unknown;
  testId?: string;
}) {
  return (
    <>
      <ErrorSummary errors={errors} labels={labels} />
      {Object.keys(errors).length === 0 && <ErrorAlert error={error} testId={testId} />}
    </>
  );
}

type Validated<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/**
 * The submit of a form validated with its contract: shows the validation errors (plus `extra` checks the
 * contract cannot make), or clears them and sends; the field errors of a problem+json answer are shown
 * on the fields. Any other failure stays on the mutation (see {@link FormErrors}). `mapErrors` rewrites
 * error keys for the form (e.g. "unionOrganizations.2" -> "unionOrganizations").
 */
export async function submitValidated<T>(
  v: Validated<T>,
  setErrors: (errors: FieldErrors) => void,
  send: (data: T) => Promise<unknown>,
  options: { extra?: FieldErrors; mapErrors?: (errors: FieldErrors) => FieldErrors } = {},
): Promise<void> {
  const map = options.mapErrors ?? ((e: FieldErrors) => e);
  const extra = options.extra ?? {};
  if (!v.ok || Object.keys(extra).length) {
    setErrors(map({ ...(v.ok ? {} : v.errors), ...extra }));
    return;
  }
  setErrors({});
  try {
    await send(v.data);
  } catch (err) {
    if (isApiError(err) && err.errors.length) setErrors(map(err.fieldErrors()));
  }
}

/** A copy of `list` with the row at `index` changed by `patch` (repeated rows of a form). */
export const updateAt = <T,>(list: readonly T[], index: number, patch: Partial<T>): T[] =>
  list.map((x, j) => (j === index ? { ...x, ...patch } : x));

/** A copy of `list` without the row at `index`. */
export const removeAt = <T,>(list: readonly T[], index: number): T[] => list.filter((_, j) => j !== index);
