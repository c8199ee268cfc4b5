import { CrisisPatch, LIMITS, type Crisis } from '@trama/contracts';
import { Button } from 'design-react-kit';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { FormErrors, submitValidated } from '../../components/form-errors';
import { validate, type FieldErrors } from '../../components/validate';
import { municipalityOption } from '../reference/reference.queries';
import { useProgrammes, useUpdateCrisis } from './crises.queries';
import { CrisisFields, crisisLabels, crisisPayload, type CrisisFieldValues } from './crisis-fields';

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
  const [fields, setFields] = useState<CrisisFieldValues>({
    title: c.title,
    site: municipalityOption({ code: c.siteMunicipalityCode, name: c.siteMunicipalityName }),
    programmeId: c.programmeId,
    workers: String(c.workersAffected),
    announcedOn: c.announcedOn,
    agreementOn: c.agreementOn ?? '',
    redundancyEndOn: c.redundancyEndOn ?? '',
    signed: c.agreementSigned,
    unions: c.unionOrganizations.join(', '),
    notes: c.agreementNotes ?? '',
  });
  const [errors, setErrors] = useState<FieldErrors>({});

  const labels = crisisLabels(t);
  // The programme list may not hold the crisis's programme (e.g. no longer active): keep it choosable.
  const programmeOptions = (programmes.data?.items ?? []).map((p) => ({
    value: p.id,
    label: `${p.code} – ${p.name}`,
  }));
  if (!programmeOptions.some((o) => o.value === c.programmeId))
    programmeOptions.unshift({ value: c.programmeId, label: `${c.programmeCode} – ${c.programmeName}` });

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const w = fields.workers.trim();
    const v = validate(CrisisPatch, {
      version: c.version,
      ...crisisPayload(fields),
      workersAffected: w === '' ? undefined : /^\d+$/.test(w) ? Number(w) : w,
    });
    // Every field is optional in a patch: an edit form sends them all, so blanks are "required".
    const missing: FieldErrors = {};
    for (const [k, val] of Object.entries({
      title: fields.title,
      announcedOn: fields.announcedOn,
      workersAffected: w,
    }))
      if (val.trim() === '') missing[k] = { field: k, code: 'required', message: 'required' };
    if (!fields.site)
      missing.siteMunicipalityCode = { field: 'siteMunicipalityCode', code: 'required', message: '' };
    await submitValidated(
      v,
      setErrors,
      async (data) => {
        await update.mutateAsync(data);
        onDone(true);
      },
      { extra: missing, mapErrors: collapse },
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate data-testid="crisis-edit-form" aria-labelledby="crisis-edit-title">
      <h2 className="h4" id="crisis-edit-title">
        {t('crises.edit.title')}
      </h2>
      <p>{t('forms.requiredNote')}</p>
      <FormErrors errors={errors} labels={labels} error={update.error} testId="crisis-edit-error" />
      {isApiError(update.error) && update.error.status === 409 && (
        <Button color="primary" outline size="sm" className="mb-3" type="button" onClick={onReload}>
          {t('forms.reloadLatest')}
        </Button>
      )}
      <CrisisFields
        variant="edit"
        values={fields}
        onChange={(patch) => setFields((f) => ({ ...f, ...patch }))}
        errors={errors}
        labels={labels}
        programmeOptions={programmeOptions}
        maxLengths={{ title: LIMITS.name, notes: LIMITS.longText, workers: 6 }}
      />
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
