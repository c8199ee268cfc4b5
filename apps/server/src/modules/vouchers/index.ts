/** The vouchers module's public surface: the only file other modules import. */
export { voucherRoutes } from './vouchers.routes';
export { vouchers, voucherPlanLines, voucherDeliveries } from './vouchers.table';
