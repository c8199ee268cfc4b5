import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  Delivery,
  DeliveryInput,
  DeliveryPage,
  DeliveryQuery,
  DeliveryRejectInput,
  DeliveryValidation,
  PlanLineUpsert,
  Voucher,
  VoucherInput,
  VoucherPage,
  VoucherQuery,
} from '@trama/contracts';
import { requireActor, typed, type AppDeps } from '../../platform/http';
import * as uc from './vouchers.usecases';

const IdParams = z.object({ id: z.uuid() });
const DeliveryParams = z.object({ id: z.uuid(), deliveryId: z.uuid() });
const tags = ['vouchers'];

export function voucherRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = typed(app);
  const { db } = deps.database;

  r.post(
    '/api/vouchers',
    {
      schema: {
        tags,
        summary: 'Issue the voucher (dote) of a pathway with a signed pact; starts delivery',
        body: VoucherInput,
        response: { 201: Voucher },
      },
    },
    async (req, reply) => reply.code(201).send(await uc.issueVoucher(db, requireActor(req), req.body)),
  );

  r.get(
    '/api/vouchers',
    {
      schema: {
        tags,
        summary: "My organisation's vouchers (newest first)",
        querystring: VoucherQuery,
        response: { 200: VoucherPage },
      },
    },
    async (req) => uc.listVouchers(db, requireActor(req), req.query),
  );

  r.get(
    '/api/vouchers/:id',
    {
      schema: {
        tags,
        summary: 'A voucher with its ledger (planned, delivered, validated, remaining) and plan',
        params: IdParams,
        response: { 200: Voucher },
      },
    },
    async (req) => uc.getVoucher(db, requireActor(req), req.params.id),
  );

  r.put(
    '/api/vouchers/:id/plan',
    {
      schema: {
        tags,
        summary: 'Add a service to the individual plan or change its planned units',
        params: IdParams,
        body: PlanLineUpsert,
        response: { 200: Voucher },
      },
    },
    async (req) => uc.upsertPlanLine(db, requireActor(req), req.params.id, req.body),
  );

  r.get(
    '/api/vouchers/:id/deliveries',
    {
      schema: {
        tags,
        summary: 'Deliveries of a voucher (newest first)',
        params: IdParams,
        querystring: DeliveryQuery,
        response: { 200: DeliveryPage },
      },
    },
    async (req) => uc.listDeliveries(db, requireActor(req), req.params.id, req.query),
  );

  r.post(
    '/api/vouchers/:id/deliveries',
    {
      schema: {
        tags,
        summary: 'Record a delivered service (to be validated by a second person)',
        params: IdParams,
        body: DeliveryInput,
        response: { 201: Delivery },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await uc.recordDelivery(db, requireActor(req), req.params.id, req.body)),
  );

  r.post(
    '/api/vouchers/:id/deliveries/:deliveryId/validate',
    {
      schema: {
        tags,
        summary:
          'Validate a delivery (second person): draws the budget down; 409 vouchers.budget_exceeded if over the cap',
        params: DeliveryParams,
        response: { 200: DeliveryValidation },
      },
    },
    async (req) => uc.validateDelivery(db, requireActor(req), req.params.id, req.params.deliveryId),
  );

  r.post(
    '/api/vouchers/:id/deliveries/:deliveryId/reject',
    {
      schema: {
        tags,
        summary: 'Reject a recorded delivery (it will not draw the budget down)',
        params: DeliveryParams,
        body: DeliveryRejectInput,
        response: { 200: Delivery },
      },
    },
    async (req) =>
      uc.rejectDelivery(db, requireActor(req), req.params.id, req.params.deliveryId, req.body.reason),
  );
}
