import { ensurePgliteTemplate, ensurePostgresTemplate } from './template';

/** Runs once before all test files: builds the database template they copy. */
export default async function setup() {
  const started = Date.now();
  // CI sets TRAMA_REQUIRE_POSTGRES=1: a missing or unreachable PostgreSQL fails the run, never a silent PGlite run.
  if (process.env.TRAMA_REQUIRE_POSTGRES === '1' && !process.env.TEST_DATABASE_URL)
    throw new Error('TRAMA_REQUIRE_POSTGRES=1 but TEST_DATABASE_URL is not set');
  if (process.env.TEST_DATABASE_URL) {
    const name = await ensurePostgresTemplate(process.env.TEST_DATABASE_URL).catch((err: unknown) => {
      throw new Error(`TEST_DATABASE_URL is set but PostgreSQL is not usable: ${String(err)}`, {
        cause: err,
      });
    });
    process.env.TRAMA_TEST_PG_TEMPLATE = name;
  } else {
    process.env.TRAMA_TEST_PGLITE_TEMPLATE = await ensurePgliteTemplate();
  }
  console.log(`test database template ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
