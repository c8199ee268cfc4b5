import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Combobox, type ComboboxOption } from '../../components/combobox';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/fields';
import type { FieldErrors } from '../../components/validate';
import { searchMunicipalities } from '../reference/reference.queries';

/** The values of the crisis form, as typed (shared by the create page and the edit form). */
export interface CrisisFieldValues {
  title: string;
  site: ComboboxOption | null;
  programmeId: string;
  workers: string;
  announcedOn: string;
  agreementOn: string;
  redundancyEndOn: string;
  signed: boolean;
  unions: string;
  notes: string;
}

/** The fields both the create and the edit contract take, as typed in the form (blank -> null). */
export function crisisPayload(v: CrisisFieldValues) {
  return {
    title: v.title,
    siteMunicipalityCode: v.site?.value ?? '',
    programmeId: v.programmeId,
    announcedOn: v.announcedOn,
    agreementOn: v.agreementOn || null,
    redundancyEndOn: v.redundancyEndOn || null,
    agreementSigned: v.signed,
    unionOrganizations: v.unions
      .split(',')
      .map((u) => u.trim())
      .filter(Boolean),
    agreementNotes: v.notes.trim() || null,
  };
}

/** Labels of the crisis fields, by the field names of the contract (for the error summary too). */
export function crisisLabels(t: (key: string) => string): Record<string, string> {
  return {
    title: t('crises.fields.title'),
    siteMunicipalityCode: t('crises.fields.site'),
    programmeId: t('crises.fields.programme'),
    workersAffected: t('crises.fields.workersAffected'),
    announcedOn: t('crises.fields.announcedOn'),
    agreementOn: t('crises.fields.agreementOn'),
    redundancyEndOn: t('crises.fields.redundancyEndOn'),
    unionOrganizations: t('crises.fields.unions'),
    agreementNotes: t('crises.fields.agreementNotes'),
  };
}

/**
 * The two fieldsets of a crisis (details; dates and agreement). `variant` keeps the small differences
 * between the create page and the edit form; `afterTitle` holds fields only one of them has (company).
 */
export function CrisisFields({
  variant,
  values: v,
  onChange,
  errors,
  labels,
  programmeOptions,
  programmePlaceholder,
  afterTitle,
  maxLengths,
}: {
  variant: 'create' | 'edit';
  values: CrisisFieldValues;
  onChange: (patch: Partial<CrisisFieldValues>) => void;
  errors: FieldErrors;
  labels: Record<string, string>;
  programmeOptions: { value: string; label: string }[];
  programmePlaceholder?: string;
  afterTitle?: ReactNode;
  maxLengths: { title: number; notes: number; workers?: number };
}) {
  const { t } = useTranslation();
  const edit = variant === 'edit';
  const fieldsetClass = edit ? 'mb-3' : undefined;
  const legendClass = edit ? 'h5' : 'h4';
  return (
    <>
      <fieldset className={fieldsetClass}>
        <legend className={legendClass}>
          {edit ? t('crises.edit.details') : t('crises.create.company')}
        </legend>
        <TextField
          id="title"
          label={labels.title!}
          value={v.title}
          onChange={(title) => onChange({ title })}
          required
          error={errors.title}
          maxLength={maxLengths.title}
        />
        {afterTitle}
        <Combobox
          id="siteMunicipalityCode"
          label={labels.siteMunicipalityCode!}
          value={v.site}
          onChange={(site) => onChange({ site })}
          queryKey={['reference', 'municipalities']}
          search={searchMunicipalities}
          required
          error={errors.siteMunicipalityCode}
        />
        <TextField
          id="workersAffected"
          label={labels.workersAffected!}
          value={v.workers}
          onChange={(workers) => onChange({ workers })}
          inputMode="numeric"
          maxLength={maxLengths.workers}
          required
          error={errors.workersAffected}
        />
        <SelectField
          id="programmeId"
          label={labels.programmeId!}
          value={v.programmeId}
          onChange={(programmeId) => onChange({ programmeId })}
          placeholder={programmePlaceholder}
          options={programmeOptions}
          required
          error={errors.programmeId}
          hint={t('crises.create.programmeHint')}
        />
      </fieldset>
      <fieldset className={fieldsetClass}>
        <legend className={legendClass}>{t('crises.create.datesAndAgreement')}</legend>
        <TextField
          id="announcedOn"
          type="date"
          label={labels.announcedOn!}
          value={v.announcedOn}
          onChange={(announcedOn) => onChange({ announcedOn })}
          required
          error={errors.announcedOn}
        />
        <CheckboxField
          id="agreementSigned"
          label={t('crises.fields.agreementSigned')}
          checked={v.signed}
          onChange={(signed) => onChange({ signed })}
        />
        <TextField
          id="agreementOn"
          type="date"
          label={labels.agreementOn!}
          value={v.agreementOn}
          onChange={(agreementOn) => onChange({ agreementOn })}
          hint={edit && v.signed ? t('crises.edit.agreementOnHint') : undefined}
          error={errors.agreementOn}
        />
        <TextField
          id="redundancyEndOn"
          type="date"
          label={labels.redundancyEndOn!}
          value={v.redundancyEndOn}
          onChange={(redundancyEndOn) => onChange({ redundancyEndOn })}
          error={errors.redundancyEndOn}
        />
        <TextField
          id="unionOrganizations"
          label={labels.unionOrganizations!}
          value={v.unions}
          onChange={(unions) => onChange({ unions })}
          hint={t('crises.create.unionsHint')}
          error={errors.unionOrganizations}
        />
        <TextAreaField
          id="agreementNotes"
          label={labels.agreementNotes!}
          value={v.notes}
          onChange={(notes) => onChange({ notes })}
          error={errors.agreementNotes}
          maxLength={maxLengths.notes}
        />
      </fieldset>
    </>
  );
}
