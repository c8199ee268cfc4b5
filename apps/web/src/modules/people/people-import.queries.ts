import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { LIMITS, type PeopleImport, type PeopleImportErrorPage } from '@trama/contracts';
import type { z } from 'zod';
import { ApiError, api, toQueryString, type FieldError } from '../../api/client';

export type PeopleImportData = z.infer<typeof PeopleImport>;
export type ImportErrorPageData = z.infer<typeof PeopleImportErrorPage>;
export type ImportRowErrorData = ImportErrorPageData['items'][number];
export type ImportFormat = 'csv' | 'xlsx';

/** Same limit as the server (IMPORT.md): checked before sending, so a huge file is never uploaded. */
export const IMPORT_MAX_BYTES = 200 * 1024 * 1024;
export const IMPORT_ERRORS_PAGE_SIZE = 50;
/** While our own upload runs, progress is polled at this interval (the server stores it per batch). */
export const IMPORT_POLL_MS = 700;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const importKeys = {
  all: ['people', 'imports'] as const,
  list: ['people', 'imports', 'list'] as const,
  detail: (id: string) => ['people', 'imports', 'detail', id] as const,
  errors: (id: string) => ['people', 'imports', 'errors', id] as const,
};

/** The format from the file's extension; null when it is neither CSV nor XLSX. */
export function importFormat(fileName: string): ImportFormat | null {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  return ext === 'csv' ? 'csv' : ext === 'xlsx' ? 'xlsx' : null;
}

/** A v4 UUID (crypto.randomUUID needs a secure context; getRandomValues does not). */
export function newImportId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A problem+json answer of the upload as an ApiError (the JSON client does not send raw bodies). */
async function uploadError(res: Response): Promise<ApiError> {
  if ((res.headers.get('content-type') ?? '').includes('json')) {
    try {
      const p = (await res.json()) as {
        code?: unknown;
        detail?: string;
        errors?: FieldError[];
        requestId?: string;
      };
      if (typeof p.code === 'string')
        return new ApiError(res.status, p.code, p.detail, p.errors ?? [], p.requestId);
    } catch {
      // not the JSON we expected: fall through
    }
  }
  // A proxy may refuse a large body before the app sees it.
  const code = res.status === 413 ? 'request.body_too_large' : `http.${res.status}`;
  return new ApiError(res.status, code, res.statusText || undefined);
}

export interface UploadInput {
  file: File;
  importId: string;
  dryRun: boolean;
}

/** POST /api/people/imports with the file itself as the body; resolves with the import's summary. */
export async function uploadPeopleImport({ file, importId, dryRun }: UploadInput): Promise<PeopleImportData> {
  const format = importFormat(file.name);
  const query = toQueryString({
    dryRun,
    importId,
    format: format ?? undefined,
    fileName: file.name.slice(0, LIMITS.name),
  });
  let res: Response;
  try {
    res = await fetch(`/api/people/imports${query}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        'content-type':
          format === 'xlsx' ? XLSX_TYPE : format === 'csv' ? 'text/csv' : 'application/octet-stream',
      },
      body: file,
    });
  } catch (e) {
    throw new ApiError(0, 'network.unreachable', e instanceof Error ? e.message : undefined);
  }
  if (!res.ok) throw await uploadError(res);
  return (await res.json()) as PeopleImportData;
}

export function useUploadImport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: uploadPeopleImport,
    onSuccess: async (result, input) => {
      // A late poll must not replace the final summary with a "running" one.
      await qc.cancelQueries({ queryKey: importKeys.detail(input.importId) });
      qc.setQueryData(importKeys.detail(input.importId), result);
    },
    // The server may have recorded the import as failed (e.g. too large): show what it knows.
    onError: (_e, input) => qc.invalidateQueries({ queryKey: importKeys.detail(input.importId) }),
    onSettled: async (_r, _e, input) => {
      await qc.invalidateQueries({ queryKey: importKeys.list });
      await qc.invalidateQueries({ queryKey: importKeys.errors(input.importId) });
      if (!input.dryRun) await qc.invalidateQueries({ queryKey: ['people', 'list'] });
    },
  });
}

/**
 * One import's progress and outcome. While our upload of it runs, the import may not exist yet
 * (the server creates it when the body starts to arrive): a 404 then means "not started", not an error.
 */
export function usePeopleImport(id: string | null, uploading: boolean) {
  return useQuery({
    queryKey: importKeys.detail(id ?? ''),
    enabled: Boolean(id),
    queryFn: async ({ signal }) => {
      try {
        return await api.get<PeopleImportData>(`/people/imports/${id}`, undefined, signal);
      } catch (e) {
        if (uploading && e instanceof ApiError && e.status === 404) return null;
        throw e;
      }
    },
    retry: false,
    // Fast while our upload runs; slower for an import that another tab or colleague is running.
    refetchInterval: (q) => (uploading ? IMPORT_POLL_MS : q.state.data?.status === 'running' ? 3000 : false),
  });
}

/** Every row error of a finished import, by line (cursor pages). */
export function useImportErrors(id: string | null, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: importKeys.errors(id ?? ''),
    queryFn: ({ pageParam, signal }) =>
      api.get<ImportErrorPageData>(
        `/people/imports/${id}/errors`,
        { cursor: pageParam, limit: IMPORT_ERRORS_PAGE_SIZE },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: Boolean(id) && enabled,
  });
}

/** The organisation's latest imports. */
export function usePeopleImports() {
  return useQuery({
    queryKey: importKeys.list,
    queryFn: ({ signal }) => api.get<{ items: PeopleImportData[] }>('/people/imports', { limit: 20 }, signal),
  });
}
