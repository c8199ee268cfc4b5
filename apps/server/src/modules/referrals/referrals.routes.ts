import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  Referral,
  ReferralInput,
  ReferralPage,
  ReferralQuery,
  ReferralTransitionInput,
} from '@trama/contracts';
import { requireActor, typed, type AppDeps } from '../../platform/http';
import * as uc from './referrals.usecases';

const IdParams = z.object({ id: z.uuid() });
const tags = ['referrals'];

export function referralRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = typed(app);
  const { db } = deps.database;

  r.post(
    '/api/referrals',
    {
      schema: {
        tags,
        summary:
          "Refer a person to another organisation (needs the person's network_sharing consent: 422 referrals.consent_missing)",
        body: ReferralInput,
        response: { 201: Referral },
      },
    },
    async (req, reply) => reply.code(201).send(await uc.createReferral(db, requireActor(req), req.body)),
  );

  r.get(
    '/api/referrals',
    {
      schema: {
        tags,
        summary: "My organisation's incoming or outgoing referrals (newest first)",
        querystring: ReferralQuery,
        response: { 200: ReferralPage },
      },
    },
    async (req) => uc.listReferrals(db, requireActor(req), req.query),
  );

  r.get(
    '/api/referrals/:id',
    {
      schema: {
        tags,
        summary: 'A referral; the receiver sees the person only after accepting',
        params: IdParams,
        response: { 200: Referral },
      },
    },
    async (req) => uc.getReferral(db, requireActor(req), req.params.id),
  );

  r.post(
    '/api/referrals/:id/transitions',
    {
      schema: {
        tags,
        summary: 'Accept, reject (receiver), revoke (sender) or complete (receiver) a referral',
        params: IdParams,
        body: ReferralTransitionInput,
        response: { 200: Referral },
      },
    },
    async (req) => uc.transitionReferral(db, requireActor(req), req.params.id, req.body),
  );
}
