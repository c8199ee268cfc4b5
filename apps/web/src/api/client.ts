import type { Problem } from '@trama/contracts';

/** One per-field error of a problem+json answer (or of client-side validation). */
export interface FieldError {
  /** Field path without the request part: "fiscalCode", "accreditations.0.validTo". */
  field: string;
  code: string;
  message: string;
  /** Values for the translated message, e.g. { minimum: 2 }. */
  params?: Record<string, unknown>;
}

/** An RFC 9457 problem answer (or a network failure), ready for the UI to translate by `code`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string | undefined,
    readonly errors: FieldError[] = [],
    readonly requestId?: string,
  ) {
    super(detail ?? code);
    this.name = 'ApiError';
  }

  /** Field errors keyed by field path (the first error of each field). */
  fieldErrors(): Record<string, FieldError> {
    const out: Record<string, FieldError> = {};
    for (const e of this.errors) if (!out[e.field]) out[e.field] = e;
    return out;
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

export type QueryValue = string | number | boolean | null | undefined;
export type QueryParams = Record<string, QueryValue>;

/** "?a=1&b=x" without empty values; "" when nothing is left. */
export function toQueryString(params?: QueryParams): string {
  if (!params) return '';
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    sp.set(k, String(v));
  }
  const s = sp.toString();
  return s ? `?${s}` : '';
}

/** "body.fiscalCode" -> "fiscalCode"; "querystring.q" -> "q". */
function stripLocation(field: string): string {
  return field.replace(/^(body|querystring|params|headers)\.?/, '');
}

async function toApiError(res: Response): Promise<ApiError> {
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const p = (await res.json()) as Partial<Problem>;
      return new ApiError(
        res.status,
        typeof p.code === 'string' ? p.code : `http.${res.status}`,
        p.detail,
        (p.errors ?? []).map((e) => ({ ...e, field: stripLocation(e.field) })),
        p.requestId,
      );
    } catch {
      // fall through: not the JSON we expected
    }
  }
  return new ApiError(res.status, `http.${res.status}`, res.statusText || undefined);
}

export interface RequestOptions {
  query?: QueryParams;
  body?: unknown;
  signal?: AbortSignal;
}

/** Calls the same-origin API under /api with the session cookie; throws ApiError on any failure. */
export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const init: RequestInit = { method, credentials: 'same-origin', headers, signal: opts.signal };
  if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(`/api${path}${toQueryString(opts.query)}`, init);
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'network.unreachable', e instanceof Error ? e.message : undefined);
  }
  if (!res.ok) throw await toApiError(res);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export const api = {
  get: <T>(path: string, query?: QueryParams, signal?: AbortSignal) =>
    request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

/** Browser URL of an API resource (downloads, redirects): "/api/organizations/export.csv?type=company". */
export const apiUrl = (path: string, query?: QueryParams) => `/api${path}${toQueryString(query)}`;
