/**
 * A citizen's own view of their pathways: state and timeline, the current service pact (with its PDF)
 * and the appointments. Deny by default: only users with the 'citizen' role, and only the pathways of
 * the person record linked to them (people's visibility condition); any other id answers 404 (audited).
 * Every read is audited with the citizen as actor.
 */
import type { MyAppointment, MyPact, MyPathway, PactContent } from '@trama/contracts';
import type { Db } from '../../platform/db';
import { forbidden } from '../../platform/errors';
import { audit } from '../audit';
import { visiblePeopleCondition } from '../people';
import { pactNotFound, pathwayNotVisible } from './pathways.errors';
import { renderPactPdf } from './pathways.pdf';
import * as repo from './pathways.repository';
import { pathways } from './pathways.table';
import type { Ctx } from './pathways.usecases';

type OwnRow = Awaited<ReturnType<typeof repo.listOwnPathways>>[number];

const requireCitizen = (ctx: Ctx) => {
  if (ctx.actor.role !== 'citizen') throw forbidden('Only a citizen has their own pathways');
};

const ownCondition = (ctx: Ctx) => visiblePeopleCondition(ctx.actor, pathways.personId);

/** The citizen's pathway, or the same 404 as for a missing one (audited). */
async function ownPathway(db: Db, ctx: Ctx, id: string): Promise<OwnRow> {
  requireCitizen(ctx);
  const [row] = await repo.listOwnPathways(db, ownCondition(ctx), id);
  if (!row) throw pathwayNotVisible();
  return row;
}

const readEvent = (row: OwnRow, action = 'pathways.read', extra: Record<string, unknown> = {}) => ({
  action,
  entityType: 'pathway',
  entityId: row.id,
  details: { personId: row.personId, view: 'citizen', ...extra },
});

async function withTimelines(db: Db, rows: OwnRow[]): Promise<MyPathway[]> {
  const events = await repo.listEventsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    state: r.state,
    stateChangedAt: r.stateChangedAt.toISOString(),
    takenInChargeAt: r.takenInChargeAt.toISOString(),
    closedAt: r.closedAt?.toISOString() ?? null,
    programme: { code: r.programmeCode, name: r.programmeName },
    operator: {
      organizationName: r.organizationName,
      officeName: r.officeName,
      officeAddress: r.officeAddress,
    },
    caseWorkerName: r.caseWorkerName,
    timeline: events
      .filter((e) => e.pathwayId === r.id)
      .map((e) => ({
        at: e.at.toISOString(),
        kind: e.kind,
        fromState: e.fromState,
        toState: e.toState,
        reason: e.reason,
      })),
  }));
}

export async function listMyPathways(db: Db, ctx: Ctx): Promise<{ items: MyPathway[] }> {
  requireCitizen(ctx);
  const rows = await repo.listOwnPathways(db, ownCondition(ctx));
  const items = await withTimelines(db, rows);
  if (rows.length) await audit(db, ctx, ...rows.map((r) => readEvent(r)));
  return { items };
}

export async function getMyPathway(db: Db, ctx: Ctx, id: string): Promise<MyPathway> {
  const row = await ownPathway(db, ctx, id);
  const [item] = await withTimelines(db, [row]);
  await audit(db, ctx, readEvent(row));
  return item!;
}

export const myPactPdfUrl = (pathwayId: string, version: number) =>
  `/api/me/pathways/${pathwayId}/pact/versions/${version}.pdf`;

export async function getMyPact(db: Db, ctx: Ctx, id: string): Promise<MyPact> {
  const row = await ownPathway(db, ctx, id);
  const pact = await repo.latestPactVersion(db, id);
  await audit(db, ctx, readEvent(row, 'pathways.pact_read', { version: pact?.version ?? null }));
  if (!pact) return { pact: null };
  return {
    pact: {
      version: pact.version,
      status: pact.status,
      content: pact.content as PactContent,
      createdAt: pact.createdAt.toISOString(),
      personSignedAt: pact.personSignedAt?.toISOString() ?? null,
      operatorSignedAt: pact.operatorSignedAt?.toISOString() ?? null,
      pdfUrl: myPactPdfUrl(id, pact.version),
    },
  };
}

export async function myPactPdf(db: Db, ctx: Ctx, id: string, version: number) {
  const row = await ownPathway(db, ctx, id);
  const pact = await repo.findPactVersion(db, id, version);
  if (!pact) throw pactNotFound();
  const signer = pact.operatorSignedBy ? await repo.userDisplayName(db, pact.operatorSignedBy) : null;
  const pdf = await renderPactPdf({
    version: pact.version,
    status: pact.status,
    createdAt: pact.createdAt,
    content: pact.content as PactContent,
    personSignedAt: pact.personSignedAt,
    personSignatureMethod: pact.personSignatureMethod,
    operatorSignedAt: pact.operatorSignedAt,
    operatorSignatureMethod: pact.operatorSignatureMethod,
    operatorSignerName: signer,
  });
  await audit(db, ctx, readEvent(row, 'pathways.pact_pdf', { version }));
  return pdf;
}

export async function listMyAppointments(db: Db, ctx: Ctx, id: string): Promise<{ items: MyAppointment[] }> {
  const row = await ownPathway(db, ctx, id);
  const rows = await repo.listAppointments(db, id);
  await audit(db, ctx, readEvent(row, 'pathways.appointments_read'));
  return {
    items: rows.map((a) => ({
      id: a.id,
      scheduledAt: a.scheduledAt.toISOString(),
      durationMinutes: a.durationMinutes,
      channel: a.channel,
      purpose: a.purpose,
      location: a.location,
      outcome: a.outcome,
      outcomeRecordedAt: a.outcomeRecordedAt?.toISOString() ?? null,
    })),
  };
}
