export { organizationRoutes } from './organizations.routes';
export { todayInItaly } from './organizations.usecases';
export {
  canCreateOrganization,
  canUpdateOrganization,
  canViewMembers,
  permissionsOn,
} from './organizations.policies';
export { organizations } from './organizations.table';
