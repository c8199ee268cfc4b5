import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './apps/server/src/platform/schema.ts',
  out: process.env.DRIZZLE_OUT ?? './apps/server/drizzle',
  casing: 'snake_case',
});
