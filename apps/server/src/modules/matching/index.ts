// The matching module's public surface.
export { matchingRoutes } from './matching.routes';
export {
  MatchingEngine,
  ColumnsBuilder,
  haversineKm,
  W as MATCHING_WEIGHTS,
  type PersonInput,
  type VacancyInput,
} from './matching.engine';
export { MatchingService } from './matching.service';
export { buildInWorker } from './matching.worker';
export { vacancyRankingSql, vacancyQueryArgs, peopleSource } from './matching.sql';
