import { z } from 'zod';

/** Shared limits: the UI and the server enforce the same numbers. */
export const LIMITS = {
  name: 200,
  shortText: 120,
  longText: 4000,
  email: 254,
  phone: 40,
  url: 500,
  search: 100,
  pageSizeDefault: 25,
  pageSizeMax: 200,
  lookupLimitDefault: 20,
  lookupLimitMax: 50,
} as const;

export const Uuid = z.uuid();

export const ProblemFieldError = z.object({
  field: z.string().describe('Dotted path of the offending field, e.g. body.fiscalCode'),
  code: z.string().describe('Stable machine code, e.g. invalid_format'),
  message: z.string(),
});

/** RFC 9457 problem details, with a stable `code` for the UI to translate. */
export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    code: z.string(),
    requestId: z.string().optional(),
    errors: z.array(ProblemFieldError).optional(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof Problem>;

export const CursorQuery = z.object({
  cursor: z.string().max(500).optional().describe('Opaque cursor from a previous page'),
  limit: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    nextCursor: z
      .string()
      .nullable()
      .describe('Pass as `cursor` to get the next page; null on the last page'),
  });
}

export const SearchText = z.string().trim().max(LIMITS.search);

/** Query-string booleans: "true"/"false"/"1"/"0". */
export const QueryBool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const IsoDate = z.iso.date();
