/** The analytics module's public surface (a read model over other modules' tables; aggregates only). */
export { analyticsRoutes } from './analytics.routes';
export { ANALYTICS_MIN_CELL } from './analytics.usecases';
export { refreshSkillsGapSummary } from './analytics.refresh';
