import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app';
import { loadConfig } from '../platform/config';
import type { Database } from '../platform/db';
import { createTestDb } from './test-db';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  close(): Promise<void>;
}

/** The real app (real HTTP stack through inject) on a private copy of the template database. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDb();
  const config = loadConfig({ TRAMA_DEMO: '0', ...env });
  const app = await buildApp({ database, config, webDist: null });
  await app.ready();
  return {
    app,
    database,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
