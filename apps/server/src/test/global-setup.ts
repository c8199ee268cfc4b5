import { ensurePgliteTemplate, ensurePostgresTemplate } from './template';

/** Runs once before all test files: builds the database template they copy. */
export default async function setup() {
  const started = Date.now();
  if (process.env.TEST_DATABASE_URL) {
    const name = await ensurePostgresTemplate(process.env.TEST_DATABASE_URL);
    process.env.TRAMA_TEST_PG_TEMPLATE = name;
  } else {
    process.env.TRAMA_TEST_PGLITE_TEMPLATE = await ensurePgliteTemplate();
  }
  console.log(`test database template ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
