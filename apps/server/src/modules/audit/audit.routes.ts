import type { FastifyInstance } from 'fastify';
import { AuditPage, AuditQuery } from '@trama/contracts';
import { forbidden } from '../../platform/errors';
import { requireActor, typed, type AppDeps } from '../../platform/http';
import { canBrowseAudit } from './audit.policies';
import { listAudit } from './audit.repository';

export function auditRoutes(app: FastifyInstance, deps: AppDeps) {
  typed(app).get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Browse the append-only audit log (platform admins)',
        querystring: AuditQuery,
        response: { 200: AuditPage },
      },
    },
    async (req) => {
      const { actor } = requireActor(req);
      if (!canBrowseAudit(actor)) throw forbidden('Only platform administrators can browse the audit log');
      return listAudit(deps.database.db, req.query);
    },
  );
}
