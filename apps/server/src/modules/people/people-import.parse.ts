/**
 * Streaming readers for the people import: CSV (RFC 4180, ',' or ';' detected from the header, UTF-8
 * with or without BOM, quoted fields may hold separators, quotes and newlines) and XLSX (first sheet,
 * exceljs streaming reader). Both yield rows in chunks, with the file line each row starts on
 * (line 1 = header), so memory stays flat whatever the file size.
 */
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';

export interface RawRow {
  line: number;
  fields: string[];
}

/** Incremental CSV parser: push text chunks, get complete rows. */
export class CsvParser {
  private buf = '';
  private line = 1; // physical line where `buf` starts
  private delimiter: string | null = null;

  constructor(delimiter?: string) {
    this.delimiter = delimiter ?? null;
  }

  push(chunk: string, out: RawRow[]): void {
    this.buf = this.buf.length ? this.buf + chunk : chunk;
    this.drain(out, false);
  }

  end(out: RawRow[]): void {
    if (this.buf.length) {
      if (!this.buf.endsWith('\n')) this.buf += '\n';
      this.drain(out, true);
    }
  }

  private drain(out: RawRow[], final: boolean) {
    const buf = this.buf;
    let pos = 0;
    if (pos === 0 && this.line === 1 && buf.charCodeAt(0) === 0xfeff) pos = 1;
    const n = buf.length;
    while (pos < n) {
      const nl = buf.indexOf('\n', pos);
      if (nl < 0) break;
      let end = nl;
      if (end > pos && buf.charCodeAt(end - 1) === 13) end--;
      const text = buf.slice(pos, end);
      if (this.delimiter === null) this.delimiter = detectDelimiter(text);
      if (text.indexOf('"') < 0) {
        if (text.length) out.push({ line: this.line, fields: text.split(this.delimiter) });
        this.line++;
        pos = nl + 1;
        continue;
      }
      const parsed = parseQuoted(buf, pos, this.delimiter);
      if (!parsed) {
        if (final) {
          // Unterminated quote at the end of the file: take what there is.
          out.push({ line: this.line, fields: [buf.slice(pos).replace(/\r?\n$/, '')] });
          pos = n;
        }
        break;
      }
      out.push({ line: this.line, fields: parsed.fields });
      this.line += parsed.newlines + 1;
      pos = parsed.next;
    }
    this.buf = pos >= n ? '' : buf.slice(pos);
  }
}

function detectDelimiter(header: string): string {
  const semi = header.split(';').length;
  const comma = header.split(',').length;
  const tab = header.split('\t').length;
  if (tab > semi && tab > comma) return '\t';
  return semi > comma ? ';' : ',';
}

/** Parses one record with quotes from `start`; null when the buffer ends inside it. */
function parseQuoted(
  buf: string,
  start: number,
  delim: string,
): { fields: string[]; next: number; newlines: number } | null {
  const fields: string[] = [];
  let i = start;
  let newlines = 0;
  const n = buf.length;
  let field = '';
  for (;;) {
    if (i >= n) return null;
    if (buf[i] === '"') {
      i++;
      for (;;) {
        const q = buf.indexOf('"', i);
        if (q < 0) return null;
        const piece = buf.slice(i, q);
        for (let k = piece.indexOf('\n'); k >= 0; k = piece.indexOf('\n', k + 1)) newlines++;
        field += piece;
        if (q + 1 < n && buf[q + 1] === '"') {
          field += '"';
          i = q + 2;
          continue;
        }
        if (q + 1 >= n) return null;
        i = q + 1;
        break;
      }
      // Anything between the closing quote and the separator is kept (lenient).
      while (i < n && buf[i] !== delim && buf[i] !== '\n' && buf[i] !== '\r') field += buf[i++];
      if (i >= n) return null;
    } else {
      let j = i;
      while (j < n && buf[j] !== delim && buf[j] !== '\n') j++;
      if (j >= n) return null;
      field = buf.slice(i, j);
      if (buf[j] === '\n' && field.endsWith('\r')) field = field.slice(0, -1);
      i = j;
    }
    fields.push(field);
    field = '';
    if (buf[i] === '\r') i++;
    if (buf[i] === delim) {
      i++;
      continue;
    }
    if (buf[i] === '\n') return { fields, next: i + 1, newlines };
    if (i >= n) return null;
  }
}

/** CSV rows from a byte stream, in chunks. `onBytes` reports progress (bytes read so far). */
export async function* csvRows(
  stream: AsyncIterable<Buffer | string>,
  onBytes?: (n: number) => void,
): AsyncGenerator<RawRow[]> {
  const decoder = new TextDecoder('utf-8');
  const parser = new CsvParser();
  let bytes = 0;
  for await (const chunk of stream) {
    const out: RawRow[] = [];
    if (typeof chunk === 'string') {
      bytes += Buffer.byteLength(chunk);
      parser.push(chunk, out);
    } else {
      bytes += chunk.length;
      parser.push(decoder.decode(chunk, { stream: true }), out);
    }
    onBytes?.(bytes);
    if (out.length) yield out;
  }
  const out: RawRow[] = [];
  const tail = decoder.decode();
  if (tail) parser.push(tail, out);
  parser.end(out);
  if (out.length) yield out;
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('error' in v) return '';
  }
  return String(v as unknown as string);
}

/** XLSX rows of the first worksheet, streamed (rows are read as the zip is inflated). */
export async function* xlsxRows(stream: Readable, chunkSize = 2000): AsyncGenerator<RawRow[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
    entries: 'emit',
  });
  let out: RawRow[] = [];
  let first = true;
  for await (const sheet of reader) {
    if (!first) break; // only the first worksheet
    first = false;
    for await (const row of sheet as unknown as AsyncIterable<ExcelJS.Row>) {
      const values = row.values as ExcelJS.CellValue[];
      const fields: string[] = [];
      for (let c = 1; c < values.length; c++) fields.push(cellText(values[c]));
      out.push({ line: row.number, fields });
      if (out.length >= chunkSize) {
        yield out;
        out = [];
      }
    }
  }
  if (out.length) yield out;
}
