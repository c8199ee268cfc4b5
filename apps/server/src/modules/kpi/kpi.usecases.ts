import type { KpiHome } from '@trama/contracts';
import type { Actor } from '../../platform/actor';
import type { DbOrTx } from '../../platform/db';
import { todayInItaly } from '../organizations';
import { SECTION_PROVIDERS, type KpiSectionProvider } from './kpi.sections';

/** The key numbers for the actor's home page: only the sections their role may see. */
export async function homeFigures(
  db: DbOrTx,
  actor: Actor,
  providers: KpiSectionProvider[] = SECTION_PROVIDERS,
  now: Date = new Date(),
): Promise<KpiHome> {
  const today = todayInItaly(now);
  const sections = await Promise.all(
    providers.filter((p) => p.appliesTo(actor)).map((p) => p.load(db, actor, today)),
  );
  return {
    asOf: now.toISOString(),
    today,
    sections: sections.filter((s) => s !== null),
  };
}
