import type { Database } from '../platform/db';
// Placeholder until the demo dataset lands.
export async function seedDemoIfEmpty(_database: Database): Promise<boolean> {
  return false;
}
