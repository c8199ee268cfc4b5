/** The referrals module's public surface: the only file other modules import. */
export { referralRoutes } from './referrals.routes';
export { referrals, referralEvents } from './referrals.table';
