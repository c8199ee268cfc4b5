/** The pathways module's public surface: the only file other modules import. */
export { pathwayRoutes } from './pathways.routes';
export {
  appendPathwayEvent,
  applyTransition,
  loadPathwayForActor,
  type Ctx as PathwayCtx,
} from './pathways.usecases';
export { isCaseWorkerRole } from './pathways.policies';
export {
  pathways,
  pathwayEvents,
  assessments,
  pactVersions,
  appointments,
  placements,
} from './pathways.table';
export { recordPlacementForPerson, type PlacementInput } from './pathways.usecases';
