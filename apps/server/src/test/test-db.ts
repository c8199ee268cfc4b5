import crypto from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { openDatabase, type Database } from '../platform/db';
import { withDb } from './template';

/**
 * A private database for one test file, copied from the migrated template with reference data:
 * PGlite in memory by default, a fresh PostgreSQL database when TEST_DATABASE_URL is set.
 */
export async function createTestDb(): Promise<Database> {
  const pgUrl = process.env.TEST_DATABASE_URL;
  if (pgUrl) {
    const template = process.env.TRAMA_TEST_PG_TEMPLATE;
    if (!template) throw new Error('TRAMA_TEST_PG_TEMPLATE missing: run tests through vitest (global setup)');
    const name = `trama_test_${crypto.randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`create database "${name}" template "${template}"`);
    await admin.end();
    const database = await openDatabase({ databaseUrl: withDb(pgUrl, name), poolSize: 8 });
    const close = database.close;
    database.close = async () => {
      await close();
      const a = new pg.Client({ connectionString: pgUrl });
      await a.connect();
      await a.query(`drop database if exists "${name}" with (force)`);
      await a.end();
    };
    return database;
  }
  const file = process.env.TRAMA_TEST_PGLITE_TEMPLATE;
  if (!file) throw new Error('TRAMA_TEST_PGLITE_TEMPLATE missing: run tests through vitest (global setup)');
  const buf = fs.readFileSync(file);
  return openDatabase({ loadDataDir: new Blob([buf]) });
}
