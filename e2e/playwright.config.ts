// Run through `npm run test:e2e` (scripts/run-e2e.mjs), which starts the server and sets TRAMA_E2E_BASE_URL.
import { defineConfig } from '@playwright/test';

const baseURL = process.env.TRAMA_E2E_BASE_URL;
if (!baseURL) throw new Error('TRAMA_E2E_BASE_URL is not set: run the journeys with `npm run test:e2e`');

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '../.tmp/e2e-results',
  // One browser at a time: the machines have two cores and the server needs one.
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL,
    locale: 'it-IT',
    timezoneId: 'Europe/Rome',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    actionTimeout: 10_000,
    navigationTimeout: 30_000,
    browserName: 'chromium',
    launchOptions: {
      // Debian's Chromium: Playwright never downloads a browser here.
      executablePath: process.env.TRAMA_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
