import { LIMITS, PathwayInput } from '@trama/contracts';
import { Button } from 'design-react-kit';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { SelectField, TextAreaField } from '../../components/fields';
import { ErrorAlert, ErrorSummary, Loading } from '../../components/feedback';
import { validate, type FieldErrors } from '../../components/validate';
import { useMe } from '../auth/auth.queries';
import { useOrganization } from '../organizations/organizations.queries';
import { useActiveProgrammes, useMembers, useTakeInCharge, type Pathway } from './pathways.queries';

/** Take a person in charge: programme, one of my organisation's offices, the responsible case worker. */
export function TakeInChargeForm({
  personId,
  onDone,
  onCancel,
}: {
  personId: string;
  onDone: (p: Pathway) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const orgId = me.data?.activeMembership.organizationId ?? null;
  const programmes = useActiveProgrammes();
  const org = useOrganization(orgId ?? '');
  const members = useMembers(orgId);
  const take = useTakeInCharge();
  const [programmeId, setProgrammeId] = useState('');
  const [officeId, setOfficeId] = useState('');
  const [caseWorker, setCaseWorker] = useState(me.data?.user.id ?? '');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});

  const programmeOptions = (programmes.data?.items ?? []).map((p) => ({
    value: p.id,
    label: `${p.code} – ${p.name}`,
  }));
  const officeOptions = (org.data?.offices ?? []).map((o) => ({
    value: o.id,
    label: `${o.name} – ${o.municipality.name}`,
  }));
  const workerOptions = (members.data?.items ?? [])
    .filter((m) => m.role === 'operator_staff')
    .map((m) => ({ value: m.userId, label: m.displayName }));
  if (me.data && !workerOptions.some((o) => o.value === me.data!.user.id))
    workerOptions.unshift({ value: me.data.user.id, label: me.data.user.displayName });

  const labels = {
    programmeId: t('pathways.fields.programme'),
    officeId: t('pathways.fields.office'),
    caseWorkerUserId: t('pathways.fields.caseWorker'),
    note: t('pathways.take.note'),
  };

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const v = validate(PathwayInput, {
      personId,
      programmeId,
      officeId,
      caseWorkerUserId: caseWorker || undefined,
      note: note.trim() || null,
    });
    if (!v.ok) {
      setErrors(v.errors);
      return;
    }
    setErrors({});
    try {
      onDone(await take.mutateAsync(v.data));
    } catch (err) {
      if (isApiError(err) && err.errors.length) setErrors(err.fieldErrors());
    }
  }

  if (programmes.isPending || org.isPending) return <Loading />;
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="take-title"
      className="card card-bg p-4 mb-4"
      data-testid="take-in-charge-form"
    >
      <h2 id="take-title" className="h4">
        {t('pathways.take.title')}
      </h2>
      <p className="small">{t('pathways.take.intro')}</p>
      <ErrorSummary errors={errors} labels={labels} />
      {Object.keys(errors).length === 0 && <ErrorAlert error={take.error ?? programmes.error ?? org.error} />}
      <div className="row">
        <div className="col-12 col-lg-6">
          <SelectField
            id="programmeId"
            label={labels.programmeId}
            value={programmeId}
            onChange={setProgrammeId}
            placeholder={t('people.form.choose')}
            options={programmeOptions}
            error={errors.programmeId}
            required
          />
        </div>
        <div className="col-12 col-lg-6">
          <SelectField
            id="officeId"
            label={labels.officeId}
            value={officeId}
            onChange={setOfficeId}
            placeholder={t('people.form.choose')}
            options={officeOptions}
            error={errors.officeId}
            required
          />
        </div>
        <div className="col-12 col-lg-6">
          <SelectField
            id="caseWorkerUserId"
            label={labels.caseWorkerUserId}
            value={caseWorker}
            onChange={setCaseWorker}
            options={workerOptions}
            error={errors.caseWorkerUserId}
            required
          />
        </div>
        <div className="col-12">
          <TextAreaField
            id="note"
            label={labels.note}
            value={note}
            onChange={setNote}
            rows={2}
            maxLength={LIMITS.longText}
            error={errors.note}
          />
        </div>
      </div>
      <div className="d-flex gap-2">
        <Button color="primary" type="submit" disabled={take.isPending}>
          {take.isPending ? t('common.saving') : t('pathways.take.submit')}
        </Button>
        <Button color="secondary" outline type="button" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}
