/** The crises module's public surface (collective re-employment): the only file other modules import. */
export { crisisRoutes } from './crises.routes';
export {
  crises,
  crisisCohortMembers,
  crisisActions,
  crisisActionSessions,
  crisisAttendance,
} from './crises.table';
