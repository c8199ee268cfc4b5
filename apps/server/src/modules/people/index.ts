/** The people module's public surface: the only file other modules import. */
export {
  PERSON_READER_ROLES,
  consentGivenCondition,
  grantPersonAccess,
  hasConsent,
  resolvePersonAccess,
  revokePersonAccess,
  visiblePeopleCondition,
  type EffectiveAccess,
  type PersonAccessFilter,
  type PersonAccessGrant,
} from './people.access';
export { people, personAccess, personConsents, personSkills } from './people.table';
export { peopleRoutes } from './people.routes';
export { PERSON_WRITER_ROLES } from './people.policies';
