import { DomainError } from './errors';
/** Opaque keyset cursors: base64url JSON of the last row's sort key. Tampered cursors are ignored-safe. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor<T>(cursor: string | undefined): T | null {
  if (!cursor) return null;
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as T;
  } catch {
    throw new DomainError(
      'pagination.invalid_cursor',
      400,
      'The cursor is not valid; start again from the first page',
    );
  }
}
