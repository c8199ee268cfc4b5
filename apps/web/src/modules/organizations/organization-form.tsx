import { LIMITS, ORGANIZATION_TYPES, OrganizationInput, OrganizationUpdate } from '@trama/contracts';
import { Button } from 'design-react-kit';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Combobox, type ComboboxOption } from '../../components/combobox';
import { CheckboxField, Fieldset, SelectField, TextAreaField, TextField } from '../../components/fields';
import { FormErrors, submitValidated } from '../../components/form-errors';
import { validate, type FieldErrors } from '../../components/validate';
import {
  atecoOption,
  municipalityOption,
  searchAteco,
  searchMunicipalities,
} from '../reference/reference.queries';
import {
  OfficeFields,
  emptyOffice,
  officeLabels,
  toOfficeInput,
  type OfficeFormState,
} from './office-fields';
import type {
  OrganizationDetail,
  OrganizationInputData,
  OrganizationUpdateData,
} from './organizations.queries';

interface OrgFormState {
  type: string;
  name: string;
  fiscalCode: string;
  vatNumber: string;
  ateco: ComboboxOption | null;
  legalSeat: ComboboxOption | null;
  address: string;
  postalCode: string;
  email: string;
  pec: string;
  phone: string;
  website: string;
  description: string;
}

function initialState(org?: OrganizationDetail): OrgFormState {
  return {
    type: org?.type ?? '',
    name: org?.name ?? '',
    fiscalCode: org?.fiscalCode ?? '',
    vatNumber: org?.vatNumber ?? '',
    ateco: org?.atecoCode ? atecoOption(org.atecoCode, org.atecoTitle) : null,
    legalSeat: org ? municipalityOption(org.legalSeat) : null,
    address: org?.address ?? '',
    postalCode: org?.postalCode ?? '',
    email: org?.email ?? '',
    pec: org?.pec ?? '',
    phone: org?.phone ?? '',
    website: org?.website ?? '',
    description: org?.description ?? '',
  };
}

const blankToNull = (s: string) => (s.trim() === '' ? null : s.trim());

function toFields(s: OrgFormState) {
  return {
    type: s.type as (typeof ORGANIZATION_TYPES)[number],
    name: s.name,
    fiscalCode: s.fiscalCode,
    vatNumber: blankToNull(s.vatNumber),
    atecoCode: s.ateco?.value ?? null,
    legalSeatMunicipalityCode: s.legalSeat?.value ?? '',
    address: s.address,
    postalCode: blankToNull(s.postalCode),
    email: s.email,
    pec: s.pec,
    phone: s.phone,
    website: blankToNull(s.website),
    description: s.description,
  };
}

export type OrganizationFormProps =
  | {
      mode: 'create';
      onSubmit: (input: OrganizationInputData) => Promise<unknown>;
      pending: boolean;
      error: unknown;
      cancelTo: string;
    }
  | {
      mode: 'edit';
      organization: OrganizationDetail;
      onSubmit: (input: OrganizationUpdateData) => Promise<unknown>;
      pending: boolean;
      error: unknown;
      cancelTo: string;
    };

/** Create and edit form of an organisation; on create it can also register the first office. */
export function OrganizationForm(props: OrganizationFormProps) {
  const { t, i18n } = useTranslation();
  const org = props.mode === 'edit' ? props.organization : undefined;
  const [s, setS] = useState<OrgFormState>(() => initialState(org));
  const [withOffice, setWithOffice] = useState(false);
  const [office, setOffice] = useState<OfficeFormState>(emptyOffice);
  const [errors, setErrors] = useState<FieldErrors>({});
  const set = <K extends keyof OrgFormState>(k: K, v: OrgFormState[K]) => setS((p) => ({ ...p, [k]: v }));
  const typeLocked = props.mode === 'edit' && !props.organization.permissions.changeType;

  const labels: Record<string, string> = {
    type: t('organizations.fields.type'),
    name: t('organizations.fields.name'),
    fiscalCode: t('organizations.fields.fiscalCode'),
    vatNumber: t('organizations.fields.vatNumber'),
    atecoCode: t('organizations.fields.ateco'),
    legalSeatMunicipalityCode: t('organizations.fields.legalSeat'),
    address: t('organizations.fields.address'),
    postalCode: t('organizations.fields.postalCode'),
    email: t('organizations.fields.email'),
    pec: t('organizations.fields.pec'),
    phone: t('organizations.fields.phone'),
    website: t('organizations.fields.website'),
    description: t('organizations.fields.description'),
    ...officeLabels(t, 'offices.0.'),
  };

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const fields = toFields(s);
    let payload: unknown;
    let v;
    if (props.mode === 'create') {
      payload = { ...fields, offices: withOffice ? [toOfficeInput(office)] : [] };
      v = validate(OrganizationInput, payload);
    } else {
      const { type, ...rest } = fields;
      payload = { ...rest, ...(typeLocked ? {} : { type }), version: props.organization.version };
      v = validate(OrganizationUpdate, payload);
    }
    // Send the input as the shared contract normalised it (trimmed, blank -> null).
    await submitValidated<unknown>(v, setErrors, (data) => props.onSubmit(data as never));
  }

  const err = (k: string) => errors[k];

  return (
    <form onSubmit={onSubmit} noValidate data-testid="organization-form">
      <FormErrors errors={errors} labels={labels} error={props.error} />

      <Fieldset legend={t('organizations.form.identity')}>
        <div className="row">
          <div className="col-12 col-lg-6">
            <SelectField
              id="type"
              label={labels.type!}
              value={s.type}
              onChange={(v) => set('type', v)}
              placeholder={t('organizations.form.chooseType')}
              options={ORGANIZATION_TYPES.map((v) => ({ value: v, label: t(`organizationTypes.${v}`) }))}
              error={err('type')}
              hint={typeLocked ? t('organizations.form.typeLocked') : undefined}
              disabled={typeLocked}
              required
            />
          </div>
          <div className="col-12 col-lg-6">
            <TextField
              id="name"
              label={labels.name!}
              value={s.name}
              onChange={(v) => set('name', v)}
              error={err('name')}
              maxLength={LIMITS.name}
              autoComplete="organization"
              required
            />
          </div>
          <div className="col-12 col-md-6">
            <TextField
              id="fiscalCode"
              label={labels.fiscalCode!}
              hint={t('organizations.form.fiscalCodeHint')}
              value={s.fiscalCode}
              onChange={(v) => set('fiscalCode', v)}
              error={err('fiscalCode')}
              maxLength={16}
              spellCheck={false}
              required
            />
          </div>
          <div className="col-12 col-md-6">
            <TextField
              id="vatNumber"
              label={labels.vatNumber!}
              hint={t('organizations.form.vatNumberHint')}
              value={s.vatNumber}
              onChange={(v) => set('vatNumber', v)}
              error={err('vatNumber')}
              maxLength={11}
              inputMode="numeric"
            />
          </div>
          <div className="col-12">
            <Combobox
              id="atecoCode"
              label={labels.atecoCode!}
              hint={t('reference.atecoHint')}
              value={s.ateco}
              onChange={(o) => set('ateco', o)}
              queryKey={['reference', 'ateco', i18n.language]}
              search={searchAteco(i18n.language)}
              error={err('atecoCode')}
            />
          </div>
        </div>
      </Fieldset>

      <Fieldset legend={t('organizations.form.seat')}>
        <div className="row">
          <div className="col-12 col-lg-6">
            <Combobox
              id="legalSeatMunicipalityCode"
              label={labels.legalSeatMunicipalityCode!}
              hint={t('reference.municipalityHint')}
              value={s.legalSeat}
              onChange={(o) => set('legalSeat', o)}
              queryKey={['reference', 'municipalities']}
              search={searchMunicipalities}
              error={err('legalSeatMunicipalityCode')}
              required
            />
          </div>
          <div className="col-12 col-lg-6">
            <TextField
              id="address"
              label={labels.address!}
              value={s.address}
              onChange={(v) => set('address', v)}
              error={err('address')}
              maxLength={LIMITS.name}
              autoComplete="street-address"
            />
          </div>
          <div className="col-12 col-md-4 col-lg-3">
            <TextField
              id="postalCode"
              label={labels.postalCode!}
              value={s.postalCode}
              onChange={(v) => set('postalCode', v)}
              error={err('postalCode')}
              maxLength={5}
              inputMode="numeric"
              autoComplete="postal-code"
            />
          </div>
        </div>
      </Fieldset>

      <Fieldset legend={t('organizations.form.contacts')}>
        <div className="row">
          <div className="col-12 col-md-6">
            <TextField
              id="email"
              type="email"
              label={labels.email!}
              value={s.email}
              onChange={(v) => set('email', v)}
              error={err('email')}
              maxLength={LIMITS.email}
            />
          </div>
          <div className="col-12 col-md-6">
            <TextField
              id="pec"
              type="email"
              label={labels.pec!}
              value={s.pec}
              onChange={(v) => set('pec', v)}
              error={err('pec')}
              maxLength={LIMITS.email}
            />
          </div>
          <div className="col-12 col-md-6">
            <TextField
              id="phone"
              type="tel"
              label={labels.phone!}
              value={s.phone}
              onChange={(v) => set('phone', v)}
              error={err('phone')}
              maxLength={LIMITS.phone}
              autoComplete="tel"
            />
          </div>
          <div className="col-12 col-md-6">
            <TextField
              id="website"
              type="url"
              label={labels.website!}
              hint={t('organizations.form.websiteHint')}
              value={s.website}
              onChange={(v) => set('website', v)}
              error={err('website')}
              maxLength={LIMITS.url}
              autoComplete="url"
            />
          </div>
          <div className="col-12">
            <TextAreaField
              id="description"
              label={labels.description!}
              value={s.description}
              onChange={(v) => set('description', v)}
              error={err('description')}
              maxLength={LIMITS.longText}
            />
          </div>
        </div>
      </Fieldset>

      {props.mode === 'create' && (
        <Fieldset legend={t('organizations.form.firstOffice')}>
          <CheckboxField
            id="withOffice"
            label={t('organizations.form.withOffice')}
            checked={withOffice}
            onChange={setWithOffice}
          />
          {withOffice && (
            <div className="mt-4">
              <OfficeFields value={office} onChange={setOffice} errors={errors} prefix="offices.0." />
            </div>
          )}
        </Fieldset>
      )}

      <div className="d-flex flex-wrap gap-3">
        <Button color="primary" type="submit" disabled={props.pending}>
          {props.pending
            ? t('common.saving')
            : props.mode === 'create'
              ? t('organizations.form.create')
              : t('organizations.form.save')}
        </Button>
        <Link className="btn btn-outline-secondary" to={props.cancelTo}>
          {t('common.cancel')}
        </Link>
      </div>
    </form>
  );
}
