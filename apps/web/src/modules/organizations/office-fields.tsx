import { ACCREDITATION_KINDS, ACCREDITATION_STATUSES, LIMITS } from '@trama/contracts';
import { useTranslation } from 'react-i18next';
import { Combobox, type ComboboxOption } from '../../components/combobox';
import { CheckboxField, SelectField, TextField } from '../../components/fields';
import { fieldId } from '../../components/feedback';
import type { FieldErrors } from '../../components/validate';
import { searchMunicipalities } from '../reference/reference.queries';
import type { OfficeInputData } from './organizations.queries';

export interface AccreditationFormState {
  kind: string;
  status: string;
  registerNumber: string;
  validFrom: string;
  validTo: string;
}

export interface OfficeFormState {
  name: string;
  address: string;
  postalCode: string;
  municipality: ComboboxOption | null;
  email: string;
  phone: string;
  withAccreditation: boolean;
  accreditation: AccreditationFormState;
}

export const emptyOffice = (): OfficeFormState => ({
  name: '',
  address: '',
  postalCode: '',
  municipality: null,
  email: '',
  phone: '',
  withAccreditation: false,
  accreditation: {
    kind: 'labour_services',
    status: 'definitive',
    registerNumber: '',
    validFrom: '',
    validTo: '',
  },
});

const blankToNull = (s: string) => (s.trim() === '' ? null : s.trim());

export function toOfficeInput(s: OfficeFormState): OfficeInputData {
  const a = s.accreditation;
  return {
    name: s.name,
    address: s.address,
    postalCode: blankToNull(s.postalCode),
    municipalityCode: s.municipality?.value ?? '',
    email: s.email,
    phone: s.phone,
    accreditations: s.withAccreditation
      ? [
          {
            kind: a.kind as (typeof ACCREDITATION_KINDS)[number],
            status: a.status as (typeof ACCREDITATION_STATUSES)[number],
            registerNumber: a.registerNumber,
            validFrom: a.validFrom,
            validTo: blankToNull(a.validTo),
          },
        ]
      : [],
  };
}

/** Field labels by path (for the error summary), with the path prefix of this office. */
export function officeLabels(t: (k: string) => string, prefix = ''): Record<string, string> {
  const acc = `${prefix}accreditations.0.`;
  return {
    [`${prefix}name`]: t('offices.fields.name'),
    [`${prefix}address`]: t('offices.fields.address'),
    [`${prefix}postalCode`]: t('offices.fields.postalCode'),
    [`${prefix}municipalityCode`]: t('offices.fields.municipality'),
    [`${prefix}email`]: t('offices.fields.email'),
    [`${prefix}phone`]: t('offices.fields.phone'),
    [`${acc}kind`]: t('accreditations.fields.kind'),
    [`${acc}status`]: t('accreditations.fields.status'),
    [`${acc}registerNumber`]: t('accreditations.fields.registerNumber'),
    [`${acc}validFrom`]: t('accreditations.fields.validFrom'),
    [`${acc}validTo`]: t('accreditations.fields.validTo'),
  };
}

/** The fields of one office (sede), with an optional accreditation; `prefix` namespaces ids and errors. */
export function OfficeFields({
  value,
  onChange,
  errors,
  prefix = '',
}: {
  value: OfficeFormState;
  onChange: (v: OfficeFormState) => void;
  errors: FieldErrors;
  prefix?: string;
}) {
  const { t } = useTranslation();
  const id = (path: string) => fieldId(`${prefix}${path}`);
  const err = (path: string) => errors[`${prefix}${path}`];
  const set = <K extends keyof OfficeFormState>(k: K, v: OfficeFormState[K]) =>
    onChange({ ...value, [k]: v });
  const setAcc = <K extends keyof AccreditationFormState>(k: K, v: string) =>
    onChange({ ...value, accreditation: { ...value.accreditation, [k]: v } });

  return (
    <>
      <div className="row">
        <div className="col-12 col-lg-6">
          <TextField
            id={id('name')}
            label={t('offices.fields.name')}
            hint={t('offices.fields.nameHint')}
            value={value.name}
            onChange={(v) => set('name', v)}
            error={err('name')}
            maxLength={LIMITS.name}
            required
          />
        </div>
        <div className="col-12 col-lg-6">
          <Combobox
            id={id('municipalityCode')}
            label={t('offices.fields.municipality')}
            hint={t('reference.municipalityHint')}
            value={value.municipality}
            onChange={(o) => set('municipality', o)}
            queryKey={['reference', 'municipalities']}
            search={searchMunicipalities}
            error={err('municipalityCode')}
            required
          />
        </div>
        <div className="col-12 col-lg-8">
          <TextField
            id={id('address')}
            label={t('offices.fields.address')}
            value={value.address}
            onChange={(v) => set('address', v)}
            error={err('address')}
            maxLength={LIMITS.name}
            autoComplete="street-address"
            required
          />
        </div>
        <div className="col-12 col-lg-4">
          <TextField
            id={id('postalCode')}
            label={t('offices.fields.postalCode')}
            value={value.postalCode}
            onChange={(v) => set('postalCode', v)}
            error={err('postalCode')}
            maxLength={5}
            inputMode="numeric"
            autoComplete="postal-code"
          />
        </div>
        <div className="col-12 col-lg-6">
          <TextField
            id={id('email')}
            type="email"
            label={t('offices.fields.email')}
            value={value.email}
            onChange={(v) => set('email', v)}
            error={err('email')}
            maxLength={LIMITS.email}
          />
        </div>
        <div className="col-12 col-lg-6">
          <TextField
            id={id('phone')}
            type="tel"
            label={t('offices.fields.phone')}
            value={value.phone}
            onChange={(v) => set('phone', v)}
            error={err('phone')}
            maxLength={LIMITS.phone}
          />
        </div>
      </div>

      <CheckboxField
        id={id('withAccreditation')}
        label={t('offices.withAccreditation')}
        checked={value.withAccreditation}
        onChange={(v) => set('withAccreditation', v)}
      />
      {value.withAccreditation && (
        <fieldset className="mt-3">
          <legend className="h6">{t('accreditations.title')}</legend>
          <div className="row">
            <div className="col-12 col-md-6">
              <SelectField
                id={id('accreditations.0.kind')}
                label={t('accreditations.fields.kind')}
                value={value.accreditation.kind}
                onChange={(v) => setAcc('kind', v)}
                error={err('accreditations.0.kind')}
                options={ACCREDITATION_KINDS.map((k) => ({
                  value: k,
                  label: t(`accreditations.kinds.${k}`),
                }))}
                required
              />
            </div>
            <div className="col-12 col-md-6">
              <SelectField
                id={id('accreditations.0.status')}
                label={t('accreditations.fields.status')}
                value={value.accreditation.status}
                onChange={(v) => setAcc('status', v)}
                error={err('accreditations.0.status')}
                options={ACCREDITATION_STATUSES.map((k) => ({
                  value: k,
                  label: t(`accreditations.statuses.${k}`),
                }))}
                required
              />
            </div>
            <div className="col-12 col-md-4">
              <TextField
                id={id('accreditations.0.registerNumber')}
                label={t('accreditations.fields.registerNumber')}
                value={value.accreditation.registerNumber}
                onChange={(v) => setAcc('registerNumber', v)}
                error={err('accreditations.0.registerNumber')}
                maxLength={LIMITS.shortText}
                required
              />
            </div>
            <div className="col-12 col-md-4">
              <TextField
                id={id('accreditations.0.validFrom')}
                type="date"
                label={t('accreditations.fields.validFrom')}
                value={value.accreditation.validFrom}
                onChange={(v) => setAcc('validFrom', v)}
                error={err('accreditations.0.validFrom')}
                required
              />
            </div>
            <div className="col-12 col-md-4">
              <TextField
                id={id('accreditations.0.validTo')}
                type="date"
                label={t('accreditations.fields.validTo')}
                hint={t('accreditations.fields.validToHint')}
                value={value.accreditation.validTo}
                onChange={(v) => setAcc('validTo', v)}
                error={err('accreditations.0.validTo')}
              />
            </div>
          </div>
        </fieldset>
      )}
    </>
  );
}
