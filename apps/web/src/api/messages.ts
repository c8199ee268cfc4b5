import type { TFunction } from 'i18next';
import { i18n } from '../i18n';
import { ApiError, type FieldError } from './client';

/** The user-facing message of a failure: translated by its stable `code`, else the server's `detail`. */
export function errorMessage(t: TFunction, err: unknown): string {
  if (err instanceof ApiError) {
    const key = `errors.${err.code}`;
    if (i18n.exists(key)) return t(key);
    if (err.detail) return err.detail;
    return t('errors.generic');
  }
  return t('errors.generic');
}

/** The message of one field error: translated by its code (with params), else the server's message. */
export function fieldErrorMessage(t: TFunction, fe: FieldError): string {
  const key = `validation.${fe.code}`;
  if (i18n.exists(key)) return t(key, fe.params ?? {});
  return fe.message || t('validation.invalid');
}
