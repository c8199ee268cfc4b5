// Fails when the Drizzle schema and the committed migrations differ: regenerates into a scratch
// copy of the migrations folder and checks that drizzle-kit finds nothing to add.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
fs.mkdirSync(path.join(root, '.tmp'), { recursive: true });
const scratch = fs.mkdtempSync(path.join(root, '.tmp', 'migrations-check-'));
fs.cpSync(path.join(root, 'apps/server/drizzle'), scratch, { recursive: true });
const out = execFileSync('npx', ['drizzle-kit', 'generate', '--config', 'apps/server/drizzle.config.ts'], {
  cwd: root,
  env: { ...process.env, DRIZZLE_OUT: `./${path.relative(root, scratch)}` },
  encoding: 'utf8',
});
const before = fs.readdirSync(path.join(root, 'apps/server/drizzle')).length;
const after = fs.readdirSync(scratch).length;
fs.rmSync(scratch, { recursive: true, force: true });
if (after !== before || !/No schema changes/i.test(out)) {
  console.error(out);
  console.error(
    'The Drizzle schema differs from the committed migrations: run `npm run db:generate` and commit.',
  );
  process.exit(1);
}
console.log('migrations match the schema');
