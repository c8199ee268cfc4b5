import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import en from './en.json';
import it_ from './it.json';

type Tree = { [k: string]: string | Tree };

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`),
  );
}

/** Plural forms (key_one, key_other) are looked up by their base key. */
const base = (k: string) => k.replace(/_(zero|one|two|few|many|other)$/, '');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

describe('translations', () => {
  it('Italian and English have exactly the same keys', () => {
    expect(keys(en as Tree).sort()).toEqual(keys(it_ as Tree).sort());
  });

  it('every literal key used in the code exists in both languages', () => {
    const known = new Set(keys(it_ as Tree).map(base));
    const srcDir = path.resolve(import.meta.dirname, '..');
    const missing: string[] = [];
    for (const file of sources(srcDir)) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z][\w.-]*)'/g)) {
        if (!known.has(m[1]!)) missing.push(`${path.relative(srcDir, file)}: ${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('has a message for every organisation type, role and problem code the UI shows', async () => {
    const { ORGANIZATION_TYPES, ROLES } = await import('@trama/contracts');
    const known = new Set(keys(it_ as Tree).map(base));
    for (const t of ORGANIZATION_TYPES) expect(known.has(`organizationTypes.${t}`), t).toBe(true);
    for (const r of ROLES) expect(known.has(`roles.${r}`), r).toBe(true);
    for (const code of [
      'auth.invalid_credentials',
      'auth.account_locked',
      'request.rate_limited',
      'organizations.version_conflict',
      'validation.failed',
    ]) {
      expect(known.has(`errors.${code}`), code).toBe(true);
    }
  });
});
