/**
 * A person's audit trail for case workers: who read or changed the record and the person's pathways,
 * vouchers and referrals. Only organisations with FULL access to the person see it (a referral's
 * partial view, citizens and everyone else get the audited 404); reading it is itself audited.
 */
import type { Actor, RequestContext } from '../../platform/actor';
import { decodeCursor } from '../../platform/cursor';
import type { Db } from '../../platform/db';
import { DomainError } from '../../platform/errors';
import { audit } from '../audit';
import { listPersonAudit } from './people-audit.repository';
import { resolvePersonAccess } from './people.access';
import { personNotVisible } from './people.errors';

type Ctx = RequestContext & { actor: Actor };

const invalidCursor = () => new DomainError('pagination.invalid_cursor', 400, 'The cursor is not valid');

function parseCursor(raw: string | undefined) {
  if (!raw) return null;
  const c = decodeCursor<unknown>(raw);
  if (!Array.isArray(c) || c.length !== 2 || typeof c[0] !== 'string' || typeof c[1] !== 'string')
    throw invalidCursor();
  if (!/^-?\d{1,17}$/.test(c[0]) || !/^\d{1,18}$/.test(c[1])) throw invalidCursor();
  return { atMicros: c[0], id: c[1] };
}

export async function readPersonAudit(
  db: Db,
  ctx: Ctx,
  personId: string,
  q: { cursor?: string | undefined; limit: number },
) {
  const access = await resolvePersonAccess(db, ctx.actor, personId);
  if (access?.kind !== 'full') throw personNotVisible();
  const page = await listPersonAudit(db, personId, parseCursor(q.cursor), q.limit);
  await audit(db, ctx, {
    action: 'people.audit_read',
    entityType: 'person',
    entityId: personId,
    details: { count: page.items.length },
  });
  return page;
}
