import { z } from 'zod';
import { CursorQuery, IsoDate, LIMITS, QueryBool, SearchText, Uuid, pageOf } from './common';
import { isValidOrganizationFiscalCode, isValidPartitaIva } from './fiscal';
import { Role } from './roles';

export const ORGANIZATION_TYPES = [
  'accredited_operator',
  'public_job_centre',
  'local_authority',
  'social_partner',
  'business_association',
  'chamber_of_commerce',
  'industrial_district',
  'foundation',
  'third_sector_organization',
  'social_enterprise',
  'school_university',
  'company',
  'innovation_hub',
  'managers_association',
  'regional_authority',
] as const;
export const OrganizationType = z.enum(ORGANIZATION_TYPES);
export type OrganizationType = z.infer<typeof OrganizationType>;

/** Labels for places that cannot use the web app's i18n (CSV exports, e-mails). */
export const ORGANIZATION_TYPE_LABELS: Record<OrganizationType, { it: string; en: string }> = {
  accredited_operator: { it: 'Operatore accreditato', en: 'Accredited operator' },
  public_job_centre: { it: 'Centro per l’impiego', en: 'Public job centre' },
  local_authority: { it: 'Ente locale', en: 'Local authority' },
  social_partner: { it: 'Parte sociale', en: 'Social partner' },
  business_association: { it: 'Associazione di categoria', en: 'Business association' },
  chamber_of_commerce: { it: 'Camera di commercio', en: 'Chamber of commerce' },
  industrial_district: { it: 'Distretto industriale', en: 'Industrial district' },
  foundation: { it: 'Fondazione', en: 'Foundation' },
  third_sector_organization: { it: 'Ente del terzo settore', en: 'Third-sector organisation' },
  social_enterprise: { it: 'Impresa sociale', en: 'Social enterprise' },
  school_university: { it: 'Scuola / università', en: 'School / university' },
  company: { it: 'Impresa', en: 'Company' },
  innovation_hub: { it: 'Polo di innovazione', en: 'Innovation hub' },
  managers_association: { it: 'Associazione manager', en: 'Managers’ association' },
  regional_authority: { it: 'Regione', en: 'Regional authority' },
};

export const ORGANIZATION_STATUSES = ['active', 'archived'] as const;
export const OrganizationStatus = z.enum(ORGANIZATION_STATUSES);

export const ACCREDITATION_KINDS = ['labour_services', 'training'] as const;
export const ACCREDITATION_STATUSES = ['provisional', 'definitive'] as const;
export const AccreditationKind = z.enum(ACCREDITATION_KINDS);
export const AccreditationStatus = z.enum(ACCREDITATION_STATUSES);

export const MAX_OFFICES_PER_REQUEST = 20;
export const MAX_ACCREDITATIONS_PER_OFFICE_REQUEST = 10;

// Control characters (NUL above all: PostgreSQL text cannot hold it) are refused at the edge.
const SINGLE_LINE = /^[^\p{Cc}]*$/u;
const MULTI_LINE = /^(?:[^\p{Cc}]|[\t\n\r])*$/u;

/** Trimmed one-line text without control characters. */
const line = (min: number, max: number) =>
  z.string().trim().min(min).max(max).regex(SINGLE_LINE, { message: 'control_characters' });

/** Optional free text: blank becomes null, so clearing a field in a form clears it in the database. */
const optionalText = (max: number, multiLine = false) =>
  z
    .string()
    .trim()
    .max(max)
    .regex(multiLine ? MULTI_LINE : SINGLE_LINE, { message: 'control_characters' })
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();

const optionalEmail = z
  .string()
  .trim()
  .max(LIMITS.email)
  .refine((v) => v === '' || z.regexes.email.test(v), { message: 'email_invalid' })
  .transform((v) => (v === '' ? null : v.toLowerCase()))
  .nullable()
  .optional()
  .describe('E-mail address; blank clears it');

const PostalCode = z
  .string()
  .trim()
  .regex(/^\d{5}$/, { message: 'postal_code_invalid' })
  .describe('CAP: 5 digits');

export const FiscalCode = z
  .string()
  .trim()
  .toUpperCase()
  .max(16)
  .refine(isValidOrganizationFiscalCode, { message: 'fiscal_code_invalid' })
  .describe('Codice fiscale: 11 digits (legal entity) or 16 characters (sole trader), check digit verified');

export const VatNumber = z
  .string()
  .trim()
  .max(11)
  .refine(isValidPartitaIva, { message: 'vat_number_invalid' })
  .describe('Partita IVA: 11 digits, check digit verified');

export const MunicipalityCode = z
  .string()
  .regex(/^\d{6}$/, { message: 'municipality_code_invalid' })
  .describe('ISTAT municipality code (6 digits), e.g. 015146 for Milano');

export const AtecoCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-V]$|^\d{2}(\.\d{1,2}(\.\d{1,2})?)?$/, { message: 'ateco_code_invalid' })
  .describe('ATECO 2025 code at any level (section letter, 62, 62.1, 62.10, 62.10.0, 62.10.00)');

/** The organisation's own fields, shared by create and update. */
export const OrganizationFields = z.object({
  type: OrganizationType,
  name: line(2, LIMITS.name),
  fiscalCode: FiscalCode,
  vatNumber: VatNumber.nullable().optional(),
  atecoCode: AtecoCode.nullable().optional(),
  legalSeatMunicipalityCode: MunicipalityCode,
  address: optionalText(LIMITS.name),
  postalCode: PostalCode.nullable().optional(),
  email: optionalEmail,
  pec: optionalEmail.describe('Posta elettronica certificata'),
  phone: optionalText(LIMITS.phone),
  website: z
    .url({ protocol: /^https?$/, message: 'url_invalid' })
    .max(LIMITS.url)
    .nullable()
    .optional()
    .describe('http(s) address'),
  description: optionalText(LIMITS.longText, true),
});

export const AccreditationInput = z
  .object({
    kind: AccreditationKind.describe('labour_services (servizi al lavoro) or training (formazione)'),
    status: AccreditationStatus,
    registerNumber: line(1, LIMITS.shortText).describe('Number in the regional register'),
    validFrom: IsoDate,
    validTo: IsoDate.nullable().optional().describe('Omit or null for no end date'),
  })
  .refine((a) => !a.validTo || a.validTo >= a.validFrom, {
    message: 'valid_to_before_valid_from',
    path: ['validTo'],
  });
export type AccreditationInput = z.infer<typeof AccreditationInput>;

export const OfficeFields = z.object({
  name: line(2, LIMITS.name),
  address: line(2, LIMITS.name),
  postalCode: PostalCode.nullable().optional(),
  municipalityCode: MunicipalityCode,
  email: optionalEmail,
  phone: optionalText(LIMITS.phone),
});

export const OfficeInput = OfficeFields.extend({
  accreditations: z.array(AccreditationInput).max(MAX_ACCREDITATIONS_PER_OFFICE_REQUEST).default([]),
});
export type OfficeInput = z.infer<typeof OfficeInput>;

export const OfficeUpdate = OfficeFields.partial().extend({
  archived: z.boolean().optional().describe('true closes the office (hidden from lists), false reopens it'),
});
export type OfficeUpdate = z.infer<typeof OfficeUpdate>;

/** Create: the organisation, optionally with its offices and their accreditations, in one transaction. */
export const OrganizationInput = OrganizationFields.extend({
  offices: z.array(OfficeInput).max(MAX_OFFICES_PER_REQUEST).default([]),
});
export type OrganizationInput = z.infer<typeof OrganizationInput>;

export const OrganizationUpdate = OrganizationFields.partial().extend({
  version: z.number().int().min(1).describe('The version you read; a stale version is refused (409)'),
});
export type OrganizationUpdate = z.infer<typeof OrganizationUpdate>;

export const OrganizationIdParams = z.object({ id: Uuid });
export const OfficeIdParams = z.object({ id: Uuid, officeId: Uuid });

export const PlaceRef = z.object({
  code: z.string(),
  name: z.string(),
  provinceCode: z.string(),
  provinceAbbreviation: z.string(),
});

export const Organization = z
  .object({
    id: Uuid,
    type: OrganizationType,
    name: z.string(),
    fiscalCode: z.string(),
    vatNumber: z.string().nullable(),
    atecoCode: z.string().nullable(),
    atecoTitle: z.string().nullable(),
    legalSeat: PlaceRef,
    address: z.string().nullable(),
    postalCode: z.string().nullable(),
    email: z.string().nullable(),
    pec: z.string().nullable(),
    phone: z.string().nullable(),
    website: z.string().nullable(),
    description: z.string().nullable(),
    status: OrganizationStatus,
    accredited: z.boolean().describe('At least one open office holds an accreditation valid today'),
    officeCount: z.number().int().describe('Open offices'),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Organization' });
export type Organization = z.infer<typeof Organization>;

export const Accreditation = z.object({
  id: Uuid,
  kind: AccreditationKind,
  status: AccreditationStatus,
  registerNumber: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  current: z.boolean().describe('Valid today'),
});
export type Accreditation = z.infer<typeof Accreditation>;

export const Office = z
  .object({
    id: Uuid,
    organizationId: Uuid,
    name: z.string(),
    address: z.string(),
    postalCode: z.string().nullable(),
    municipality: PlaceRef,
    email: z.string().nullable(),
    phone: z.string().nullable(),
    archived: z.boolean(),
    accreditations: z.array(Accreditation),
    createdAt: z.string(),
  })
  .meta({ id: 'Office' });
export type Office = z.infer<typeof Office>;

export const OfficeList = z.object({ items: z.array(Office) });
export const OfficeListQuery = z.object({
  includeArchived: QueryBool.optional().describe('Also list closed offices'),
});

/** What the signed-in actor may do with this organisation (the UI shows or hides actions). */
export const OrganizationPermissions = z.object({
  update: z.boolean(),
  archive: z.boolean(),
  manageOffices: z.boolean(),
  addAccreditations: z.boolean(),
  viewMembers: z.boolean(),
  changeType: z.boolean(),
});

export const OrganizationDetail = Organization.extend({
  offices: z.array(Office).describe('Open offices with their accreditations'),
  permissions: OrganizationPermissions,
}).meta({ id: 'OrganizationDetail' });
export type OrganizationDetail = z.infer<typeof OrganizationDetail>;

export const ORGANIZATION_SORTS = ['name', '-name', 'createdAt', '-createdAt'] as const;

/** Filters shared by the list and the CSV export. */
export const OrganizationFilters = z.object({
  q: SearchText.optional().describe('Search in name, fiscal code and VAT number (accent/case-insensitive)'),
  type: OrganizationType.optional(),
  province: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$|^\d{3}$/, { message: 'province_invalid' })
    .optional()
    .describe("Legal seat's province: abbreviation (MI) or ISTAT UTS code (215)"),
  accredited: QueryBool.optional().describe('true: at least one accreditation valid today; false: none'),
  status: OrganizationStatus.default('active'),
  sort: z.enum(ORGANIZATION_SORTS).default('name'),
});
export type OrganizationFilters = z.infer<typeof OrganizationFilters>;

export const OrganizationListQuery = CursorQuery.extend(OrganizationFilters.shape);
export type OrganizationListQuery = z.infer<typeof OrganizationListQuery>;

export const OrganizationPage = pageOf(Organization);

export const OrganizationExportQuery = OrganizationFilters.extend({
  lang: z.enum(['it', 'en']).default('it').describe('Language of the header row and the type labels'),
});
export type OrganizationExportQuery = z.infer<typeof OrganizationExportQuery>;

export const OrganizationMember = z.object({
  membershipId: Uuid,
  userId: Uuid,
  displayName: z.string(),
  email: z.string(),
  role: Role,
  since: z.string(),
});
export const OrganizationMemberPage = pageOf(OrganizationMember);
