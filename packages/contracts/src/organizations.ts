import { z } from 'zod';
import { CursorQuery, IsoDate, LIMITS, QueryBool, SearchText, Uuid, pageOf } from './common';
import { isValidOrganizationFiscalCode, isValidPartitaIva } from './fiscal';

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

export const ORGANIZATION_STATUSES = ['active', 'archived'] as const;
export const OrganizationStatus = z.enum(ORGANIZATION_STATUSES);

export const ACCREDITATION_KINDS = ['labour_services', 'training'] as const;
export const ACCREDITATION_STATUSES = ['provisional', 'definitive'] as const;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();

export const FiscalCode = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isValidOrganizationFiscalCode, { message: 'fiscal_code_invalid' })
  .describe('Codice fiscale: 11 digits (legal entity) or 16 characters (sole trader), check digit verified');

export const VatNumber = z
  .string()
  .trim()
  .refine(isValidPartitaIva, { message: 'vat_number_invalid' })
  .describe('Partita IVA: 11 digits, check digit verified');

export const MunicipalityCode = z
  .string()
  .regex(/^\d{6}$/, { message: 'municipality_code_invalid' })
  .describe('ISTAT municipality code (6 digits)');

export const AtecoCode = z
  .string()
  .regex(/^[A-U](\d{2}(\.\d{1,2}(\.\d{1,2})?)?)?$|^\d{2}(\.\d{1,2}(\.\d{1,2})?)?$/, {
    message: 'ateco_code_invalid',
  })
  .describe('ATECO 2025 code, e.g. 62.10.00');

export const OrganizationInput = z.object({
  type: OrganizationType,
  name: z.string().trim().min(2).max(LIMITS.name),
  fiscalCode: FiscalCode,
  vatNumber: VatNumber.nullable().optional(),
  atecoCode: AtecoCode.nullable().optional(),
  legalSeatMunicipalityCode: MunicipalityCode,
  address: optionalText(LIMITS.name),
  postalCode: z
    .string()
    .regex(/^\d{5}$/, { message: 'postal_code_invalid' })
    .nullable()
    .optional(),
  email: z.email().max(LIMITS.email).nullable().optional(),
  pec: z.email().max(LIMITS.email).nullable().optional(),
  phone: optionalText(LIMITS.phone),
  website: z.url().max(LIMITS.url).nullable().optional(),
  description: optionalText(LIMITS.longText),
});
export type OrganizationInput = z.infer<typeof OrganizationInput>;

export const OrganizationUpdate = OrganizationInput.partial().extend({
  version: z.number().int().min(1).describe('The version you read; a stale version is refused (409)'),
});

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
    accredited: z.boolean().describe('At least one office holds an accreditation valid today'),
    officeCount: z.number().int(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Organization' });
export type Organization = z.infer<typeof Organization>;

export const ORGANIZATION_SORTS = ['name', '-name', 'createdAt', '-createdAt'] as const;

export const OrganizationListQuery = CursorQuery.extend({
  q: SearchText.optional().describe('Search in name, fiscal code and VAT number (accent/case-insensitive)'),
  type: OrganizationType.optional(),
  province: z
    .string()
    .regex(/^[A-Z]{2}$|^\d{3}$/)
    .optional()
    .describe('Province abbreviation (MI) or ISTAT UTS code (215)'),
  accredited: QueryBool.optional(),
  status: OrganizationStatus.default('active'),
  sort: z.enum(ORGANIZATION_SORTS).default('name'),
});
export type OrganizationListQuery = z.infer<typeof OrganizationListQuery>;

export const OrganizationPage = pageOf(Organization);

export const AccreditationInput = z
  .object({
    kind: z.enum(ACCREDITATION_KINDS),
    status: z.enum(ACCREDITATION_STATUSES),
    registerNumber: z.string().trim().min(1).max(LIMITS.shortText),
    validFrom: IsoDate,
    validTo: IsoDate.nullable().optional(),
  })
  .refine((a) => !a.validTo || a.validTo >= a.validFrom, {
    message: 'valid_to_before_valid_from',
    path: ['validTo'],
  });

export const Accreditation = z.object({
  id: Uuid,
  kind: z.enum(ACCREDITATION_KINDS),
  status: z.enum(ACCREDITATION_STATUSES),
  registerNumber: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  current: z.boolean(),
});

export const OfficeInput = z.object({
  name: z.string().trim().min(2).max(LIMITS.name),
  address: z.string().trim().min(2).max(LIMITS.name),
  postalCode: z
    .string()
    .regex(/^\d{5}$/, { message: 'postal_code_invalid' })
    .nullable()
    .optional(),
  municipalityCode: MunicipalityCode,
  email: z.email().max(LIMITS.email).nullable().optional(),
  phone: optionalText(LIMITS.phone),
  accreditations: z.array(AccreditationInput).max(10).default([]),
});
export type OfficeInput = z.infer<typeof OfficeInput>;

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
    accreditations: z.array(Accreditation),
    createdAt: z.string(),
  })
  .meta({ id: 'Office' });
export type Office = z.infer<typeof Office>;
