// PRE-RELEASE ONLY (until the first deployment): rebuilds the initial migrations from the Drizzle
// schema, so parallel work on new tables does not produce colliding migration numbers.
// 0000_foundation = extensions + every table; 0001_audit_append_only = the audit trigger.
// After the first release this script is retired and migrations become strictly additive.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const dir = path.join(root, 'apps/server/drizzle');
const kit = (...args) =>
  execFileSync('npx', ['drizzle-kit', 'generate', '--config', 'apps/server/drizzle.config.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
  });
fs.rmSync(dir, { recursive: true, force: true });
kit('--name', 'foundation');
const foundation = path.join(dir, '0000_foundation.sql');
const prelude = ['CREATE EXTENSION IF NOT EXISTS pg_trgm;', '--> statement-breakpoint', ''].join('\n');
fs.writeFileSync(foundation, prelude + fs.readFileSync(foundation, 'utf8'));
kit('--custom', '--name', 'audit_append_only');
fs.copyFileSync(
  path.join(root, 'scripts/sql/audit_append_only.sql'),
  path.join(dir, '0001_audit_append_only.sql'),
);
console.log(fs.readdirSync(dir).join('\n'));
