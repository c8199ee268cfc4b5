/** The programmes module's public surface: the only file other modules import. */
export { programmeRoutes } from './programmes.routes';
export { ensureIllustrativeProgrammes, ILLUSTRATIVE_PROGRAMMES, ILLUSTRATIVE_RULES } from './programmes.seed';
export { createProgrammeRecord } from './programmes.usecases';
export {
  currentRuleSet,
  findBand,
  findCatalogueLines,
  findProgrammeRow,
  findRuleSet,
} from './programmes.repository';
export { programmes, programmeBands, programmeCatalogueLines, profilingRuleSets } from './programmes.table';
