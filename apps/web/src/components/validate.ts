import type { z } from 'zod';
import type { FieldError } from '../api/client';

interface LooseIssue {
  code: string;
  path: PropertyKey[];
  message: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  format?: string;
  origin?: string;
  input?: unknown;
}

/** Maps a zod issue to the same codes the server uses (custom refinements carry their code as message). */
function toFieldError(issue: LooseIssue): FieldError {
  const field = issue.path.map(String).join('.');
  // Optional fields accept blanks: an error on a blank value means the field is required.
  const empty = issue.input === undefined || issue.input === null || String(issue.input).trim() === '';
  if (empty) return { field, code: 'required', message: issue.message };
  if (/^[a-z_]+$/.test(issue.message)) return { field, code: issue.message, message: issue.message };
  if (issue.code === 'too_small' && issue.origin === 'string') {
    return { field, code: 'too_short', message: issue.message, params: { count: Number(issue.minimum) } };
  }
  if (issue.code === 'too_big' && issue.origin === 'string') {
    return { field, code: 'too_long', message: issue.message, params: { count: Number(issue.maximum) } };
  }
  if (issue.code === 'invalid_format' && (issue.format === 'email' || issue.format === 'url')) {
    return { field, code: `invalid_${issue.format}`, message: issue.message };
  }
  if (issue.code === 'invalid_format' && issue.format === 'date') {
    return { field, code: 'invalid_date', message: issue.message };
  }
  return { field, code: issue.code, message: issue.message };
}

export type FieldErrors = Record<string, FieldError>;

/**
 * Validates with the shared contract (the very limits the server applies).
 * Returns the parsed value, or the first error of each field.
 */
export function validate<S extends z.ZodType>(
  schema: S,
  value: unknown,
): { ok: true; data: z.output<S> } | { ok: false; errors: FieldErrors } {
  const r = schema.safeParse(value);
  if (r.success) return { ok: true, data: r.data };
  const errors: FieldErrors = {};
  for (const issue of r.error.issues as unknown as LooseIssue[]) {
    // zod 4 does not echo the input in issues by default: look it up for the "required" case.
    const input = issue.path.reduce<unknown>(
      (acc, k) => (acc && typeof acc === 'object' ? (acc as Record<PropertyKey, unknown>)[k] : undefined),
      value,
    );
    const fe = toFieldError({ ...issue, input });
    if (!errors[fe.field]) errors[fe.field] = fe;
  }
  return { ok: false, errors };
}

/** "" -> null for optional text fields (the contracts take null for "not given"). */
export function emptyToNull<T extends Record<string, unknown>>(v: T, keys: readonly (keyof T)[]): T {
  const out = { ...v };
  for (const k of keys) {
    const x = out[k];
    if (typeof x === 'string' && x.trim() === '') out[k] = null as T[keyof T];
  }
  return out;
}

/** A number typed in a text field: blank -> undefined (the contract reports "required"), else Number(). */
export const optionalNumber = (s: string): number | undefined => (s.trim() === '' ? undefined : Number(s));
