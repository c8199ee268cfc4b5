import { z } from 'zod';
import { CursorQuery, IsoDate, LIMITS, QueryBool, SearchText, Uuid, pageOf } from './common';
import { isValidPersonFiscalCode } from './fiscal';
import { AuditEntry } from './audit';
import { AtecoCode, MunicipalityCode } from './organizations';

/** Enumerations of a person's record (the SAP). */
export const EMPLOYMENT_STATUSES = [
  'unemployed',
  'employed',
  'underemployed',
  'self_employed',
  'student',
  'inactive',
] as const;
export const EmploymentStatus = z.enum(EMPLOYMENT_STATUSES);
export type EmploymentStatus = z.infer<typeof EmploymentStatus>;

/** Priority targets: disability (L. 68/99), long-term unemployed, NEET under 30, over 50, woman returning, migrant, social services. */
export const PRIORITY_TARGETS = [
  'disability_l68',
  'long_term_unemployed',
  'neet_under_30',
  'over_50',
  'woman_returning',
  'migrant',
  'social_services',
] as const;
export const PriorityTarget = z.enum(PRIORITY_TARGETS);
export type PriorityTarget = z.infer<typeof PriorityTarget>;

/** Where the DID (dichiarazione di immediata disponibilità) was made. */
export const DID_SOURCES = ['myanpal', 'job_centre', 'inps', 'accredited_operator', 'other'] as const;
export const DidSource = z.enum(DID_SOURCES);

export const SEXES = ['F', 'M'] as const;

export const CEFR_LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'native'] as const;
export const CefrLevel = z.enum(CEFR_LEVELS);

export const DRIVING_LICENCES = [
  'AM',
  'A1',
  'A2',
  'A',
  'B',
  'BE',
  'C1',
  'C',
  'CE',
  'D1',
  'D',
  'DE',
  'CQC',
] as const;
export const DrivingLicence = z.enum(DRIVING_LICENCES);

export const SKILL_SOURCES = ['declared', 'verified'] as const;
export const SkillSource = z.enum(SKILL_SOURCES);

export const CONSENT_PURPOSES = [
  'case_management',
  'network_sharing',
  'company_matching',
  'statistics',
] as const;
export const ConsentPurpose = z.enum(CONSENT_PURPOSES);
export type ConsentPurpose = z.infer<typeof ConsentPurpose>;

/** Why an organisation may see a person, and how much of the record. */
export const PERSON_ACCESS_REASONS = ['owner', 'pathway', 'referral'] as const;
export type PersonAccessReason = (typeof PERSON_ACCESS_REASONS)[number];
export const PERSON_ACCESS_SCOPES = ['full', 'referral'] as const;
export type PersonAccessScope = (typeof PERSON_ACCESS_SCOPES)[number];
/** Sections of a person's record that a referral may share. */
export const PERSON_SECTIONS = [
  'identity',
  'contacts',
  'residence',
  'education',
  'languages',
  'work_history',
  'skills',
  'availability',
  'priority_targets',
  'employment',
] as const;
export const PersonSection = z.enum(PERSON_SECTIONS);
export type PersonSection = z.infer<typeof PersonSection>;

export const PEOPLE_IMPORT_STATUSES = ['running', 'completed', 'completed_with_errors', 'failed'] as const;
export const PEOPLE_IMPORT_BATCH_STATUSES = ['committed', 'rejected', 'validated'] as const;

// ---------------------------------------------------------------------------------------------------
// Request and response shapes of /api/people

export const PersonFiscalCode = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isValidPersonFiscalCode, { message: 'fiscal_code_invalid' })
  .describe("A natural person's codice fiscale: 16 characters, check character verified (omocodia allowed)");

const personName = z.string().trim().min(1).max(LIMITS.shortText);
const nullableText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();

export const CountryCode = z
  .string()
  .regex(/^[A-Z]{2}$/, { message: 'country_code_invalid' })
  .describe('ISO 3166-1 alpha-2 country code, e.g. IT');
export const LanguageCode = z
  .string()
  .regex(/^[a-z]{2}$/, { message: 'language_code_invalid' })
  .describe('ISO 639-1 language code, e.g. en');

export const PersonLanguage = z.object({ language: LanguageCode, level: CefrLevel });
export const PersonWorkExperienceInput = z
  .object({
    employerName: z.string().trim().min(1).max(LIMITS.name),
    atecoCode: AtecoCode.nullable().optional(),
    occupationId: z
      .number()
      .int()
      .positive()
      .nullable()
      .optional()
      .describe('ESCO occupation (ref_occupations.id)'),
    jobTitle: nullableText(LIMITS.name),
    fromDate: IsoDate,
    toDate: IsoDate.nullable().optional(),
  })
  .refine((w) => !w.toDate || w.toDate >= w.fromDate, { message: 'dates_out_of_order', path: ['toDate'] });
export const PersonSkillInput = z.object({
  skillId: z.number().int().positive().describe('ESCO skill (ref_skills.id)'),
  source: SkillSource.default('declared'),
});

const uniqueLanguages = (items: { language: string }[]) =>
  new Set(items.map((l) => l.language)).size === items.length;
const uniqueSkills = (items: { skillId: number }[]) =>
  new Set(items.map((l) => l.skillId)).size === items.length;

const PersonFields = z.object({
  fiscalCode: PersonFiscalCode,
  firstName: personName,
  lastName: personName,
  birthDate: IsoDate.optional().describe('Optional: derived from the fiscal code; refused if it disagrees'),
  sex: z.enum(SEXES).optional().describe('Optional: derived from the fiscal code; refused if it disagrees'),
  email: z.email().max(LIMITS.email).nullable().optional(),
  phone: nullableText(LIMITS.phone),
  residenceMunicipalityCode: MunicipalityCode.nullable().optional(),
  residenceAddress: nullableText(LIMITS.name),
  residencePostalCode: z
    .string()
    .regex(/^\d{5}$/, { message: 'postal_code_invalid' })
    .nullable()
    .optional(),
  citizenship: CountryCode.nullable().optional(),
  educationLevel: z.number().int().min(1).max(8).nullable().optional().describe('EQF level 1-8'),
  languages: z
    .array(PersonLanguage)
    .max(30)
    .refine(uniqueLanguages, { message: 'duplicate_language' })
    .optional(),
  workHistory: z.array(PersonWorkExperienceInput).max(100).optional(),
  skills: z.array(PersonSkillInput).max(1000).refine(uniqueSkills, { message: 'duplicate_skill' }).optional(),
  hoursPerWeek: z.number().int().min(0).max(168).nullable().optional(),
  mobilityRadiusKm: z.number().int().min(0).max(1000).nullable().optional(),
  drivingLicences: z.array(DrivingLicence).max(DRIVING_LICENCES.length).optional(),
  priorityTargets: z.array(PriorityTarget).max(PRIORITY_TARGETS.length).optional(),
  didDate: IsoDate.nullable().optional().describe('Date of the DID (declaration of immediate availability)'),
  didSource: DidSource.nullable().optional(),
  employmentStatus: EmploymentStatus,
});
const didTogether = (p: { didDate?: string | null; didSource?: string | null }) =>
  !p.didDate === !p.didSource;
const didTogetherError = { message: 'did_date_and_source_together', path: ['didSource'] };

export const PersonInput = PersonFields.refine(didTogether, didTogetherError);
export type PersonInput = z.infer<typeof PersonInput>;

export const PersonCreate = PersonFields.extend({
  consents: z
    .array(ConsentPurpose)
    .max(CONSENT_PURPOSES.length)
    .optional()
    .describe('Purposes the person consents to, recorded now'),
}).refine(didTogether, didTogetherError);
export type PersonCreate = z.infer<typeof PersonCreate>;

export const PersonUpdate = z
  .object({
    version: z.number().int().min(1).describe('The version you read; a stale version is refused (409)'),
    fiscalCode: PersonFiscalCode.optional(),
    firstName: personName.optional(),
    lastName: personName.optional(),
    birthDate: IsoDate.optional(),
    sex: z.enum(SEXES).optional(),
    email: z.email().max(LIMITS.email).nullable().optional(),
    phone: nullableText(LIMITS.phone),
    residenceMunicipalityCode: MunicipalityCode.nullable().optional(),
    residenceAddress: nullableText(LIMITS.name),
    residencePostalCode: z
      .string()
      .regex(/^\d{5}$/, { message: 'postal_code_invalid' })
      .nullable()
      .optional(),
    citizenship: CountryCode.nullable().optional(),
    educationLevel: z.number().int().min(1).max(8).nullable().optional(),
    languages: z
      .array(PersonLanguage)
      .max(30)
      .refine(uniqueLanguages, { message: 'duplicate_language' })
      .optional()
      .describe('Replaces the whole list'),
    workHistory: z.array(PersonWorkExperienceInput).max(100).optional().describe('Replaces the whole list'),
    skills: z
      .array(PersonSkillInput)
      .max(1000)
      .refine(uniqueSkills, { message: 'duplicate_skill' })
      .optional()
      .describe('Replaces the whole list; verified skills keep who verified them and when'),
    hoursPerWeek: z.number().int().min(0).max(168).nullable().optional(),
    mobilityRadiusKm: z.number().int().min(0).max(1000).nullable().optional(),
    drivingLicences: z.array(DrivingLicence).max(DRIVING_LICENCES.length).optional(),
    priorityTargets: z.array(PriorityTarget).max(PRIORITY_TARGETS.length).optional(),
    didDate: IsoDate.nullable().optional(),
    didSource: DidSource.nullable().optional(),
    employmentStatus: EmploymentStatus.optional(),
  })
  .strict();
export type PersonUpdate = z.infer<typeof PersonUpdate>;

export const PersonAccessView = z.object({
  kind: z
    .enum(['full', 'sections', 'self'])
    .describe('full record, only the shared sections, or your own record'),
  sections: z.array(PersonSection).describe('Sections present in this response'),
  reasons: z.array(z.enum(PERSON_ACCESS_REASONS)),
});

export const ConsentState = z.object({
  purpose: ConsentPurpose,
  given: z.boolean(),
  givenAt: z.string().nullable(),
});

/**
 * A person's record. Fields of sections the reader may not see (referral scope) are omitted;
 * `access.sections` lists the sections present.
 */
export const Person = z
  .object({
    id: Uuid,
    version: z.number().int(),
    access: PersonAccessView,
    createdAt: z.string(),
    updatedAt: z.string(),
    // identity
    fiscalCode: z.string().optional(),
    firstName: z.string().optional(),
    lastName: z.string().optional(),
    birthDate: z.string().optional(),
    sex: z.enum(SEXES).optional(),
    birthPlaceCode: z.string().optional(),
    citizenship: z.string().nullable().optional(),
    // contacts
    email: z.string().nullable().optional(),
    phone: z.string().nullable().optional(),
    // residence
    residenceMunicipalityCode: z.string().nullable().optional(),
    residenceMunicipalityName: z.string().nullable().optional(),
    residenceProvinceCode: z.string().nullable().optional(),
    residenceAddress: z.string().nullable().optional(),
    residencePostalCode: z.string().nullable().optional(),
    // education, languages
    educationLevel: z.number().int().nullable().optional(),
    languages: z.array(PersonLanguage).optional(),
    // work history
    workHistory: z
      .array(
        z.object({
          id: Uuid,
          employerName: z.string(),
          atecoCode: z.string().nullable(),
          occupationId: z.number().int().nullable(),
          occupationLabel: z.string().nullable(),
          jobTitle: z.string().nullable(),
          fromDate: z.string(),
          toDate: z.string().nullable(),
        }),
      )
      .optional(),
    // skills
    skills: z
      .array(
        z.object({
          skillId: z.number().int(),
          label: z.string().nullable(),
          source: SkillSource,
          verifiedBy: Uuid.nullable(),
          verifiedAt: z.string().nullable(),
        }),
      )
      .optional(),
    // availability
    hoursPerWeek: z.number().int().nullable().optional(),
    mobilityRadiusKm: z.number().int().nullable().optional(),
    drivingLicences: z.array(z.string()).optional(),
    // priority targets
    priorityTargets: z.array(PriorityTarget).optional(),
    // employment
    employmentStatus: EmploymentStatus.optional(),
    didDate: z.string().nullable().optional(),
    didSource: DidSource.nullable().optional(),
    // only with full access or on your own record
    consents: z.array(ConsentState).optional(),
  })
  .meta({ id: 'Person' });
export type Person = z.infer<typeof Person>;

export const PersonListItem = z.object({
  id: Uuid,
  access: z.enum(['full', 'sections', 'self']),
  fiscalCode: z.string().optional(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  birthDate: z.string().optional(),
  residenceMunicipalityName: z.string().nullable().optional(),
  employmentStatus: EmploymentStatus.optional(),
  priorityTargets: z.array(PriorityTarget).optional(),
  didDate: z.string().nullable().optional(),
  version: z.number().int(),
});
export const PersonPage = pageOf(PersonListItem);

const csvList = <const V extends readonly [string, ...string[]]>(values: V) =>
  z
    .union([z.string().max(500), z.array(z.string().max(100)).max(20)])
    .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values)).max(20));

export const PersonQuery = CursorQuery.extend({
  q: SearchText.optional().describe('Name, surname or fiscal code (partial)'),
  employmentStatus: csvList(EMPLOYMENT_STATUSES).optional().describe('One or more, comma-separated'),
  priorityTarget: csvList(PRIORITY_TARGETS)
    .optional()
    .describe('People with ALL these targets, comma-separated'),
  municipalityCode: MunicipalityCode.optional(),
  provinceCode: z
    .string()
    .regex(/^\d{3}$/, { message: 'province_code_invalid' })
    .optional(),
  hasDid: QueryBool.optional(),
  consent: ConsentPurpose.optional().describe('Only people whose consent for this purpose is given'),
});
export type PersonQuery = z.infer<typeof PersonQuery>;

export const ConsentChange = z.object({
  purpose: ConsentPurpose,
  given: z.boolean().describe('true to give, false to withdraw'),
  note: nullableText(LIMITS.longText),
});
export const ConsentRecord = z.object({
  id: Uuid,
  purpose: ConsentPurpose,
  givenAt: z.string(),
  givenBy: Uuid.nullable(),
  givenByOrganizationId: Uuid.nullable(),
  withdrawnAt: z.string().nullable(),
  withdrawnBy: Uuid.nullable(),
  withdrawnByOrganizationId: Uuid.nullable(),
  note: z.string().nullable(),
});
export const ConsentHistory = z.object({ current: z.array(ConsentState), history: z.array(ConsentRecord) });

export const PeopleStats = z.object({
  total: z.number().int().nullable(),
  byEmploymentStatus: z.array(z.object({ key: z.string(), count: z.number().int().nullable() })),
  byPriorityTarget: z.array(z.object({ key: z.string(), count: z.number().int().nullable() })),
  byProvince: z.array(z.object({ key: z.string(), count: z.number().int().nullable() })),
  suppressedBelow: z.number().int().describe('Counts below this are shown as null (small-cell suppression)'),
});

// ---------------------------------------------------------------------------------------------------
// Bulk import

export const PeopleImportQuery = z.object({
  dryRun: QueryBool.default(false).describe('Validate only: report every row error, load nothing'),
  format: z.enum(['csv', 'xlsx']).optional().describe('Default: from the content type'),
  batchSize: z.coerce.number().int().min(1).max(100_000).default(10_000),
  importId: Uuid.optional().describe(
    'Your id for this import, to poll GET /api/people/imports/{id} while it runs',
  ),
  fileName: z.string().max(LIMITS.name).optional(),
});

export const PeopleImportError = z.object({
  line: z.number().int().describe('Line of the file (1 = header)'),
  field: z.string().describe('Column name, or "file"'),
  code: z.string(),
  message: z.string(),
});

export const PeopleImportBatch = z.object({
  batchNo: z.number().int(),
  firstLine: z.number().int(),
  lastLine: z.number().int(),
  rowCount: z.number().int(),
  status: z.enum(PEOPLE_IMPORT_BATCH_STATUSES),
  insertedRows: z.number().int(),
  updatedRows: z.number().int(),
  errorCount: z.number().int(),
});

export const PeopleImport = z
  .object({
    id: Uuid,
    status: z.enum(PEOPLE_IMPORT_STATUSES),
    dryRun: z.boolean(),
    format: z.enum(['csv', 'xlsx']),
    fileName: z.string().nullable(),
    batchSize: z.number().int(),
    totalRows: z.number().int(),
    processedRows: z.number().int(),
    insertedRows: z.number().int(),
    updatedRows: z.number().int(),
    rejectedRows: z.number().int(),
    errorCount: z.number().int(),
    bytesTotal: z.number().int().nullable().describe('Size of the upload when known (progress bar)'),
    bytesRead: z.number().int(),
    failureReason: z.string().nullable(),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    batches: z.array(PeopleImportBatch),
    errors: z.array(PeopleImportError).describe('The first errors; all of them at /errors'),
  })
  .meta({ id: 'PeopleImport' });

export const PeopleImportErrorPage = pageOf(PeopleImportError);

// ---------------------------------------------------------------------------------------------
// A person's audit trail (GET /api/people/{id}/audit): who read or changed the record and its
// pathways, vouchers and referrals. Only for organisations with full access to the person.
// ---------------------------------------------------------------------------------------------

export const PersonAuditEntry = AuditEntry.extend({
  actorName: z.string().nullable(),
  organizationName: z.string().nullable(),
});
export type PersonAuditEntry = z.infer<typeof PersonAuditEntry>;
export const PersonAuditPage = pageOf(PersonAuditEntry);
