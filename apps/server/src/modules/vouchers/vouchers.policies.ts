import type { Actor } from '../../platform/actor';

/** Vouchers are managed by operator staff of the organisation that holds the pathway (deny by default). */
export const isVoucherOperator = (actor: Actor) =>
  actor.role === 'operator_staff' && actor.organizationId !== null;

export const canManageVoucher = (actor: Actor, voucher: { organizationId: string }) =>
  isVoucherOperator(actor) && actor.organizationId === voucher.organizationId;

/** The second-person rule: whoever recorded a delivery cannot validate it. */
export const canValidateDelivery = (actor: Actor, delivery: { recordedBy: string }) =>
  actor.userId !== delivery.recordedBy;
