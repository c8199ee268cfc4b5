// Writes the OpenAPI 3.1 document generated from the zod contracts to openapi.json;
// with --check, fails when the committed file differs (CI drift check).
import fs from 'node:fs';
import path from 'node:path';
import { buildApp } from '../app';
import { loadConfig } from '../platform/config';
import { openDatabase } from '../platform/db';
import { ROOT } from '../test/template';

const file = path.join(ROOT, 'openapi.json');
const database = await openDatabase({});
const app = await buildApp({ database, config: loadConfig({ TRAMA_DEMO: '0' }), webDist: null });
await app.ready();
const doc = `${JSON.stringify(app.swagger(), null, 2)}\n`;
await app.close();
await database.close();
if (process.argv.includes('--check')) {
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  if (current !== doc) {
    console.error('openapi.json is out of date: run `npm run openapi:generate` and commit it.');
    process.exit(1);
  }
  console.log('openapi.json is up to date');
} else {
  fs.writeFileSync(file, doc);
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
