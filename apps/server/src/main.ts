import path from 'node:path';
import { buildApp } from './app';
import { ConfigError, loadConfig } from './platform/config';
import { openDatabase } from './platform/db';
import { migrate } from './platform/migrate';
import { ensureBootstrapAdmin } from './modules/identity';
import { loadReferenceData } from './modules/reference';
import { seedDemoIfEmpty } from './cli/demo-data';

async function main() {
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
  const started = Date.now();
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.databaseUrl ? undefined : path.join(config.dataDir, 'pglite'),
  });
  const applied = await migrate(database);
  if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`);
  const loaded = await loadReferenceData(database);
  if (loaded) console.log(`Reference data: ${loaded}`);
  if (config.admin) {
    if (await ensureBootstrapAdmin(database.db, config.admin.email, config.admin.password))
      console.log(`Created platform admin ${config.admin.email}`);
  }
  if (config.demo) {
    const seeded = await seedDemoIfEmpty(database);
    if (seeded) console.log('Loaded the demo dataset (see README for the demo users).');
  }
  const app = await buildApp({ database, config, logger: { level: config.logLevel } });
  const close = async () => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', close);
  process.on('SIGTERM', close);
  await app.listen({ port: config.port, host: config.host });
  const shown = config.publicUrl ?? `http://localhost:${config.port}`;
  console.log(
    `Trama is running at ${shown} (database: ${database.kind}; ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
