// Builds the web app when its sources are newer than the last build (npm start on a fresh clone).
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const web = path.join(root, 'apps/web');
const marker = path.join(web, 'dist/index.html');

function newest(dir) {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist') continue;
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

const sources = Math.max(newest(web), newest(path.join(root, 'packages/contracts/src')));
if (fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= sources) {
  process.exit(0);
}
console.log('Building the web app...');
execSync('npx vite build --logLevel warn', { cwd: web, stdio: 'inherit' });
