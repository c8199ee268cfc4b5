// `npm run seed:demo`: loads the Lombardy demo dataset into the database of DATABASE_URL (PostgreSQL),
// or into the embedded database under DATA_DIR when DATABASE_URL is not set. Migrates and loads the
// reference data first. Idempotent: does nothing when organisations already exist.
import path from 'node:path';
import { ConfigError, loadConfig } from '../platform/config';
import { openDatabase } from '../platform/db';
import { migrate } from '../platform/migrate';
import { loadReferenceData } from '../modules/reference';
import { DEMO_PASSWORD, DEMO_USERS, seedDemoIfEmpty } from './demo-data';

let config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(2);
  }
  throw err;
}

const database = await openDatabase({
  databaseUrl: config.databaseUrl,
  dataDir: config.databaseUrl ? undefined : path.join(config.dataDir, 'pglite'),
  poolSize: 2,
});
try {
  console.log(`Database: ${database.kind}${database.kind === 'pglite' ? ` (${config.dataDir})` : ''}`);
  const applied = await migrate(database);
  if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`);
  const loaded = await loadReferenceData(database);
  if (loaded) console.log(`Reference data: ${loaded}`);
  const started = Date.now();
  if (await seedDemoIfEmpty(database)) {
    console.log(
      `Loaded the demo dataset in ${Date.now() - started} ms. Demo users (password "${DEMO_PASSWORD}"):`,
    );
    for (const u of DEMO_USERS)
      console.log(`  ${u.email.padEnd(28)} ${u.role.padEnd(20)} ${u.organization ?? '-'}`);
  } else {
    console.log('Organisations already exist: the demo dataset was not loaded (nothing changed).');
  }
} finally {
  await database.close();
}
