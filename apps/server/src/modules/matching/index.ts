// The matching module's public surface.
export { matchingRoutes } from './matching.routes';
export {
  MatchingEngine,
  haversineKm,
  W as MATCHING_WEIGHTS,
  type PersonInput,
  type VacancyInput,
} from './matching.engine';
export { MatchingService } from './matching.service';
export { vacancyRankingSql, vacancyQueryArgs, peopleSource } from './matching.sql';
