import { DomainError, conflict, invalid, notFound, notVisible } from '../../platform/errors';

export const voucherNotFound = () => notFound('vouchers');
export const voucherNotVisible = () => notVisible('vouchers');
export const deliveryNotFound = () => notFound('vouchers.delivery', 'Delivery not found');
export const budgetExceeded = (remainingCents: number, amountCents: number) =>
  conflict(
    'vouchers.budget_exceeded',
    `This would exceed the voucher budget: ${amountCents} cents requested, ${remainingCents} cents remaining. Nothing was changed.`,
  );
export const lineMaxExceeded = (maxUnits: number) =>
  conflict(
    'vouchers.line_max_exceeded',
    `This would exceed the maximum of ${maxUnits} units for this service on the voucher. Nothing was changed.`,
  );
export const sameValidator = () =>
  invalid(
    'vouchers.same_validator',
    'A delivery must be validated by a second person, not by whoever recorded it',
  );
export const expired = (endDate: string) =>
  invalid('vouchers.expired', `The voucher expired on ${endDate}: no deliveries after that date`, [
    { field: 'body.deliveredOn', code: 'after_voucher_end', message: `Not after ${endDate}` },
  ]);
export const beforeStart = (startDate: string) =>
  invalid('vouchers.delivery_before_start', `The voucher starts on ${startDate}`, [
    { field: 'body.deliveredOn', code: 'before_voucher_start', message: `Not before ${startDate}` },
  ]);
export const deliveryInFuture = () =>
  invalid('vouchers.delivery_in_future', 'A delivery cannot be dated in the future', [
    { field: 'body.deliveredOn', code: 'in_future', message: 'Not after today' },
  ]);
export const voucherClosed = () =>
  conflict('vouchers.closed', 'The voucher is closed: no services after its closing date');
export const deliveryNotPending = () =>
  conflict('vouchers.delivery_not_pending', 'The delivery was already validated or rejected');
export const attendanceNotSigned = () =>
  invalid(
    'vouchers.attendance_not_signed',
    'The attendance sheet is not signed: the delivery cannot be validated',
  );
export const alreadyIssued = () => conflict('vouchers.already_issued', 'The pathway already has a voucher');
export const pathwayNotReady = (state: string) =>
  conflict(
    'vouchers.pathway_not_ready',
    `A voucher is issued once the pact is signed (the pathway is "${state}")`,
  );
export const bandMissing = () =>
  invalid('vouchers.band_missing', 'The pathway has no confirmed intensity band of this programme');
export const validityTooLong = (maxEnd: string) =>
  invalid('vouchers.validity_too_long', `The band allows a validity up to ${maxEnd}`, [
    { field: 'body.endDate', code: 'validity_too_long', message: `Not after ${maxEnd}` },
  ]);
export const validityInvalid = () =>
  invalid('vouchers.validity_invalid', 'The end date is before the start date', [
    { field: 'body.endDate', code: 'date_range_invalid', message: 'Not before the start date' },
  ]);
export const catalogueLineInvalid = (id: string) =>
  invalid('vouchers.catalogue_line_invalid', 'The service is not an active line of the programme catalogue', [
    { field: 'body.catalogueLineId', code: 'catalogue_line_invalid', message: id },
  ]);
export const plannedUnitsTooMany = (max: number) =>
  invalid('vouchers.planned_units_exceed_max', `At most ${max} units of this service per voucher`, [
    { field: 'body.plannedUnits', code: 'too_many', message: `At most ${max}` },
  ]);
export const plannedBelowValidated = () =>
  invalid('vouchers.planned_below_validated', 'Planned units cannot be fewer than those already validated');
export const planExceedsCap = (plannedCents: number, capCents: number) =>
  invalid(
    'vouchers.plan_exceeds_cap',
    `The individual plan (${plannedCents} cents) exceeds the voucher cap (${capCents} cents)`,
  );
export const planLineNotFound = () =>
  invalid('vouchers.plan_line_not_found', 'The service is not in the individual plan of this voucher', [
    { field: 'body.planLineId', code: 'not_in_plan', message: 'Choose a line of the plan' },
  ]);
export const resultLineManual = () =>
  invalid(
    'vouchers.result_line_manual',
    'Result-based services are created by the placement, not recorded by hand',
  );
export const staffNotMember = () =>
  invalid('vouchers.staff_not_member', 'The staff member is not an active operator of the organisation', [
    { field: 'body.staffUserId', code: 'not_member', message: 'Choose a colleague' },
  ]);
export const voucherForbidden = () =>
  new DomainError('auth.forbidden', 403, 'Only operator staff of an organisation manage vouchers');
