// Browser journeys (`npm run test:e2e`): builds the web app, starts the real server on a free port with a
// fresh embedded database and the demo dataset, runs the Playwright tests in Debian's Chromium, stops the
// server and exits with the tests' status. Extra arguments go to Playwright (e.g. `-- --grep login`).
//
// Without /usr/bin/chromium the journeys are SKIPPED (exit 0) so that `npm test` passes on a machine with
// only Node; TRAMA_REQUIRE_BROWSER=1 (set by .ci/run) turns that into a failure.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const chromium = process.env.TRAMA_CHROMIUM ?? '/usr/bin/chromium';
const requireBrowser = process.env.TRAMA_REQUIRE_BROWSER === '1';
const bin = (name) => path.join(root, 'node_modules/.bin', name);

if (!fs.existsSync(chromium)) {
  if (requireBrowser) {
    console.error(
      `\n✗ ${chromium} not found and TRAMA_REQUIRE_BROWSER=1: install it with apt-get install -y chromium\n`,
    );
    process.exit(1);
  }
  const line = '!'.repeat(78);
  console.warn(
    `\n${line}\n!! BROWSER JOURNEYS SKIPPED: ${chromium} not found.\n` +
      `!! Install Debian's Chromium (apt-get install -y chromium) to run them; CI requires it.\n${line}\n`,
  );
  process.exit(0);
}

const started = Date.now();
const seconds = () => ((Date.now() - started) / 1000).toFixed(1);

// 1. The web app the server will serve.
const build = spawnSync(process.execPath, [path.join(root, 'scripts/build-web-if-stale.mjs')], {
  cwd: root,
  stdio: 'inherit',
});
if (build.status !== 0) {
  console.error('✗ building the web app failed');
  process.exit(1);
}
if (!fs.existsSync(path.join(root, 'apps/web/dist/index.html'))) {
  console.error('✗ apps/web/dist/index.html is missing after the build');
  process.exit(1);
}

// 2. The real server, on a free port, with a fresh data directory (embedded PGlite + demo dataset).
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const port = await freePort();
const baseUrl = `http://127.0.0.1:${port}`;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trama-e2e-'));
const logFile = path.join(dataDir, 'server.log');
const log = fs.openSync(logFile, 'a');

const serverEnv = {
  ...process.env,
  PORT: String(port),
  HOST: '127.0.0.1',
  DATA_DIR: dataDir,
  TRAMA_DEMO: '1',
};
for (const k of [
  'DATABASE_URL',
  'TEST_DATABASE_URL',
  'NODE_ENV',
  'PUBLIC_URL',
  'OIDC_ISSUER',
  'TRAMA_ADMIN_EMAIL',
  'TRAMA_ADMIN_PASSWORD',
])
  delete serverEnv[k];
serverEnv.LOG_LEVEL = process.env.TRAMA_E2E_LOG_LEVEL ?? 'warn';

// Its own process group (detached), so that stopping it also stops tsx's child process.
const server = spawn(bin('tsx'), [path.join(root, 'apps/server/src/main.ts')], {
  cwd: root,
  env: serverEnv,
  detached: true,
  stdio: ['ignore', log, log],
});
let serverExited = null;
server.on('exit', (code, signal) => {
  serverExited = { code, signal };
});

let stopping = false;
async function stopServer() {
  if (stopping) return;
  stopping = true;
  if (serverExited) return;
  const gone = new Promise((resolve) => server.once('exit', resolve));
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-server.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }, 5_000);
  await gone;
  clearTimeout(timer);
}

function cleanup() {
  fs.closeSync(log);
  if (process.env.TRAMA_E2E_KEEP_DATA === '1') console.log(`data directory kept: ${dataDir}`);
  else fs.rmSync(dataDir, { recursive: true, force: true });
}

function printServerLog() {
  const text = fs.readFileSync(logFile, 'utf8').trim();
  if (text) console.error(`--- server log (${logFile}) ---\n${text.split('\n').slice(-60).join('\n')}\n---`);
}

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, async () => {
    await stopServer();
    cleanup();
    process.exit(130);
  });
}

async function waitForHealth(timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (serverExited) return false;
    try {
      const res = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return true;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

let status = 1;
try {
  const healthy = await waitForHealth(180_000);
  if (!healthy) {
    console.error(
      serverExited
        ? `✗ the server exited before answering /api/health (${JSON.stringify(serverExited)})`
        : '✗ the server did not answer /api/health within 180 s',
    );
    printServerLog();
  } else {
    console.log(`Trama is up at ${baseUrl} after ${seconds()} s; running the browser journeys...`);
    // 3. The journeys.
    const run = spawnSync(
      bin('playwright'),
      ['test', '--config', path.join(root, 'e2e/playwright.config.ts'), ...process.argv.slice(2)],
      {
        cwd: root,
        stdio: 'inherit',
        env: { ...process.env, TRAMA_E2E_BASE_URL: baseUrl, TRAMA_CHROMIUM: chromium },
      },
    );
    status = run.status ?? 1;
    if (status !== 0) printServerLog();
  }
} finally {
  await stopServer();
  cleanup();
}
console.log(`browser journeys ${status === 0 ? 'passed' : 'FAILED'} in ${seconds()} s`);
process.exit(status);
