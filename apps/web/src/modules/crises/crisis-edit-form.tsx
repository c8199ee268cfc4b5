import { CrisisPatch, LIMITS, type Crisis } from '@trama/contracts';
import { Button } from 'design-react-kit';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { Combobox, type ComboboxOption } from '../../components/combobox';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/fields';
import { ErrorAlert, ErrorSummary } from '../../components/feedback';
import { validate, type FieldErrors } from '../../components/validate';
import { municipalityOption, searchMunicipalities } from '../reference/reference.queries';
import { useProgrammes, useUpdateCrisis } from './crises.queries';

/** "unionOrganizations.2" -> "unionOrganizations": the unions are one text field. */
function collapse(errors: FieldErrors): FieldErrors {
  const out: FieldErrors = {};
  for (const [k, e] of Object.entries(errors)) {
    const key = k.startsWith('unionOrganizations.') ? 'unionOrganizations' : k;
    if (!out[key]) out[key] = { ...e, field: key };
  }
  return out;
}

/**
 * The coordinating organisation edits a crisis: details and the agreement with the unions. The version
 * read goes with the change: if someone else saved in the meantime the server answers 409 and the form
 * offers to reload the saved data.
 */
export function CrisisEditForm({
  crisis: c,
  onDone,
  onReload,
}: {
  crisis: Crisis;
  onDone: (saved: boolean) => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const update = useUpdateCrisis(c.id);
  const programmes = useProgrammes();
  const [title, setTitle] = useState(c.title);
  const [site, setSite] = useState<ComboboxOption | null>(
    municipalityOption({ code: c.siteMunicipalityCode, name: c.siteMunicipalityName }),
  );
  const [programmeId, setProgrammeId] = useState(c.programmeId);
  const [workers, setWorkers] = useState(String(c.workersAffected));
  const [announcedOn, setAnnouncedOn] = useState(c.announcedOn);
  const [agreementOn, setAgreementOn] = useState(c.agreementOn ?? '');
  const [redundancyEndOn, setRedundancyEndOn] = useState(c.redundancyEndOn ?? '');
  const [signed, setSigned] = useState(c.agreementSigned);
  const [unions, setUnions] = useState(c.unionOrganizations.join(', '));
  const [notes, setNotes] = useState(c.agreementNotes ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});

  const labels: Record<string, string> = {
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
  // The programme list may not hold the crisis's programme (e.g. no longer active): keep it choosable.
  const programmeOptions = (programmes.data?.items ?? []).map((p) => ({
    value: p.id,
    label: `${p.code} – ${p.name}`,
  }));
  if (!programmeOptions.some((o) => o.value === c.programmeId))
    programmeOptions.unshift({ value: c.programmeId, label: `${c.programmeCode} – ${c.programmeName}` });

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const w = workers.trim();
    const v = validate(CrisisPatch, {
      version: c.version,
      title,
      siteMunicipalityCode: site?.value ?? '',
      programmeId,
      workersAffected: w === '' ? undefined : /^\d+$/.test(w) ? Number(w) : w,
      announcedOn,
      agreementOn: agreementOn || null,
      redundancyEndOn: redundancyEndOn || null,
      agreementSigned: signed,
      unionOrganizations: unions
        .split(',')
        .map((u) => u.trim())
        .filter(Boolean),
      agreementNotes: notes.trim() || null,
    });
    // Every field is optional in a patch: an edit form sends them all, so blanks are "required".
    const missing: FieldErrors = {};
    for (const [k, val] of Object.entries({ title, announcedOn, workersAffected: w }))
      if (val.trim() === '') missing[k] = { field: k, code: 'required', message: 'required' };
    if (!site)
      missing.siteMunicipalityCode = { field: 'siteMunicipalityCode', code: 'required', message: '' };
    if (!v.ok || Object.keys(missing).length) {
      setErrors(collapse({ ...(v.ok ? {} : v.errors), ...missing }));
      return;
    }
    setErrors({});
    try {
      await update.mutateAsync(v.data);
      onDone(true);
    } catch (err) {
      if (isApiError(err) && err.errors.length) setErrors(collapse(err.fieldErrors()));
    }
  }

  const hasFieldErrors = Object.keys(errors).length > 0;
  return (
    <form onSubmit={onSubmit} noValidate data-testid="crisis-edit-form" aria-labelledby="crisis-edit-title">
      <h2 className="h4" id="crisis-edit-title">
        {t('crises.edit.title')}
      </h2>
      <p>{t('forms.requiredNote')}</p>
      <ErrorSummary errors={errors} labels={labels} />
      {!hasFieldErrors && <ErrorAlert error={update.error} testId="crisis-edit-error" />}
      {isApiError(update.error) && update.error.status === 409 && (
        <Button color="primary" outline size="sm" className="mb-3" type="button" onClick={onReload}>
          {t('forms.reloadLatest')}
        </Button>
      )}
      <fieldset className="mb-3">
        <legend className="h5">{t('crises.edit.details')}</legend>
        <TextField
          id="title"
          label={labels.title!}
          value={title}
          onChange={setTitle}
          required
          error={errors.title}
          maxLength={LIMITS.name}
        />
        <Combobox
          id="siteMunicipalityCode"
          label={labels.siteMunicipalityCode!}
          value={site}
          onChange={setSite}
          queryKey={['reference', 'municipalities']}
          search={searchMunicipalities}
          required
          error={errors.siteMunicipalityCode}
        />
        <TextField
          id="workersAffected"
          label={labels.workersAffected!}
          value={workers}
          onChange={setWorkers}
          inputMode="numeric"
          maxLength={6}
          required
          error={errors.workersAffected}
        />
        <SelectField
          id="programmeId"
          label={labels.programmeId!}
          value={programmeId}
          onChange={setProgrammeId}
          options={programmeOptions}
          required
          error={errors.programmeId}
          hint={t('crises.create.programmeHint')}
        />
      </fieldset>
      <fieldset className="mb-3">
        <legend className="h5">{t('crises.create.datesAndAgreement')}</legend>
        <TextField
          id="announcedOn"
          type="date"
          label={labels.announcedOn!}
          value={announcedOn}
          onChange={setAnnouncedOn}
          required
          error={errors.announcedOn}
        />
        <CheckboxField
          id="agreementSigned"
          label={t('crises.fields.agreementSigned')}
          checked={signed}
          onChange={setSigned}
        />
        <TextField
          id="agreementOn"
          type="date"
          label={labels.agreementOn!}
          value={agreementOn}
          onChange={setAgreementOn}
          hint={signed ? t('crises.edit.agreementOnHint') : undefined}
          error={errors.agreementOn}
        />
        <TextField
          id="redundancyEndOn"
          type="date"
          label={labels.redundancyEndOn!}
          value={redundancyEndOn}
          onChange={setRedundancyEndOn}
          error={errors.redundancyEndOn}
        />
        <TextField
          id="unionOrganizations"
          label={labels.unionOrganizations!}
          value={unions}
          onChange={setUnions}
          hint={t('crises.create.unionsHint')}
          error={errors.unionOrganizations}
        />
        <TextAreaField
          id="agreementNotes"
          label={labels.agreementNotes!}
          value={notes}
          onChange={setNotes}
          error={errors.agreementNotes}
          maxLength={LIMITS.longText}
        />
      </fieldset>
      <div className="d-flex flex-wrap gap-3 mb-4">
        <Button type="submit" color="primary" disabled={update.isPending}>
          {update.isPending ? t('common.saving') : t('crises.edit.save')}
        </Button>
        <Button type="button" color="secondary" outline onClick={() => onDone(false)}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}
