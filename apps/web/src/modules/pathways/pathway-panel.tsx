import {
  CONTRACT_TYPES,
  LIMITS,
  PATHWAY_TRANSITIONS,
  PlacementInput,
  canPathwayTransition,
  pathwayActionsFrom,
  type PathwayAction,
} from '@trama/contracts';
import { Button } from 'design-react-kit';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { SelectField, TextAreaField, TextField } from '../../components/fields';
import { ErrorAlert, ErrorSummary } from '../../components/feedback';
import { validate, type FieldErrors } from '../../components/validate';
import { formatDate } from '../../i18n/format';
import { Detail, Done, StateBadge, todayIso } from './pathway-ui';
import { usePlacement, useRecordPlacement, useTransition, type Pathway } from './pathways.queries';

/** Where the case worker goes next, by state (the tab that holds the next step). */
const NEXT_TAB: Partial<Record<Pathway['state'], string>> = {
  taken_in_charge: 'assessment',
  assessed: 'pact',
  pact_signed: 'voucher',
  in_delivery: 'voucher',
};

/** A manual transition of the shared state machine, with its reason when the machine asks for one. */
function TransitionForm({
  pathway,
  action,
  onClose,
  onDone,
}: {
  pathway: Pathway;
  action: PathwayAction;
  onClose: () => void;
  onDone: (msg: string) => void;
}) {
  const { t } = useTranslation();
  const transition = useTransition(pathway.id);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const needsReason = (PATHWAY_TRANSITIONS[action].guards as readonly string[]).includes('reason_required');

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (needsReason && reason.trim().length === 0) {
      setErrors({ reason: { field: 'reason', code: 'required', message: '' } });
      return;
    }
    setErrors({});
    try {
      await transition.mutateAsync({ action, reason: reason.trim() || null });
      onDone(t('pathways.actions.done', { state: t(`pathways.states.${PATHWAY_TRANSITIONS[action].to}`) }));
    } catch (err) {
      if (isApiError(err) && err.errors.length) setErrors(err.fieldErrors());
    }
  }

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="alert alert-warning"
      aria-labelledby={`transition-${action}-title`}
    >
      <p id={`transition-${action}-title`} className="fw-semibold">
        {t(`pathways.actions.confirm.${action}`)}
      </p>
      {Object.keys(errors).length === 0 && <ErrorAlert error={transition.error} />}
      <TextAreaField
        id="transition-reason"
        label={t('pathways.actions.reason')}
        value={reason}
        onChange={setReason}
        rows={2}
        maxLength={LIMITS.longText}
        required={needsReason}
        error={errors.reason}
      />
      <div className="d-flex gap-2">
        <Button color="primary" size="sm" type="submit" disabled={transition.isPending}>
          {t(`pathways.actions.${action}`)}
        </Button>
        <Button color="secondary" outline size="sm" type="button" onClick={onClose}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}

/** The placement that closes the pathway (employer, contract, start, expected duration). */
function PlacementForm({
  pathway,
  onClose,
  onDone,
}: {
  pathway: Pathway;
  onClose: () => void;
  onDone: (msg: string) => void;
}) {
  const { t } = useTranslation();
  const record = useRecordPlacement(pathway.id);
  const [s, setS] = useState({
    employerName: '',
    contractType: '',
    startDate: todayIso(),
    expectedDurationDays: '',
    hoursPerWeek: '',
    note: '',
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const set = (k: keyof typeof s, v: string) => setS((p) => ({ ...p, [k]: v }));
  const labels = {
    employerName: t('pathways.placement.employer'),
    contractType: t('pathways.placement.contractType'),
    startDate: t('pathways.placement.startDate'),
    expectedDurationDays: t('pathways.placement.duration'),
    hoursPerWeek: t('pathways.placement.hoursPerWeek'),
    note: t('pathways.placement.note'),
  };
  const n = (v: string) => (v.trim() === '' ? null : Number(v.trim()));

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const v = validate(PlacementInput, {
      employerName: s.employerName.trim() || null,
      contractType: s.contractType || undefined,
      startDate: s.startDate,
      expectedDurationDays: n(s.expectedDurationDays),
      hoursPerWeek: n(s.hoursPerWeek),
      note: s.note.trim() || null,
    });
    if (!v.ok) {
      setErrors(v.errors);
      return;
    }
    setErrors({});
    try {
      const p = await record.mutateAsync(v.data);
      onDone(p.resultTriggered ? t('pathways.placement.doneWithResult') : t('pathways.placement.done'));
    } catch (err) {
      if (isApiError(err) && err.errors.length) setErrors(err.fieldErrors());
    }
  }

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="card card-bg p-4 my-3"
      aria-labelledby="placement-title"
      data-testid="placement-form"
    >
      <h3 id="placement-title" className="h5">
        {t('pathways.placement.title')}
      </h3>
      <p className="small">{t('pathways.placement.intro')}</p>
      <ErrorSummary errors={errors} labels={labels} />
      {Object.keys(errors).length === 0 && <ErrorAlert error={record.error} />}
      <div className="row">
        <div className="col-12 col-lg-6">
          <TextField
            id="employerName"
            label={labels.employerName}
            value={s.employerName}
            onChange={(v) => set('employerName', v)}
            maxLength={LIMITS.name}
            error={errors.employerName ?? errors.employerOrganizationId}
            required
          />
        </div>
        <div className="col-12 col-lg-6">
          <SelectField
            id="contractType"
            label={labels.contractType}
            value={s.contractType}
            onChange={(v) => set('contractType', v)}
            placeholder={t('people.form.choose')}
            options={CONTRACT_TYPES.map((c) => ({
              value: c,
              label: t(`pathways.placement.contractTypes.${c}`),
            }))}
            error={errors.contractType}
            required
          />
        </div>
        <div className="col-12 col-md-4">
          <TextField
            id="startDate"
            type="date"
            label={labels.startDate}
            value={s.startDate}
            onChange={(v) => set('startDate', v)}
            error={errors.startDate}
            required
          />
        </div>
        <div className="col-12 col-md-4">
          <TextField
            id="expectedDurationDays"
            label={labels.expectedDurationDays}
            hint={t('pathways.placement.durationHint')}
            value={s.expectedDurationDays}
            onChange={(v) => set('expectedDurationDays', v)}
            inputMode="numeric"
            maxLength={5}
            error={errors.expectedDurationDays}
          />
        </div>
        <div className="col-12 col-md-4">
          <TextField
            id="hoursPerWeek"
            label={labels.hoursPerWeek}
            value={s.hoursPerWeek}
            onChange={(v) => set('hoursPerWeek', v)}
            inputMode="numeric"
            maxLength={2}
            error={errors.hoursPerWeek}
          />
        </div>
        <div className="col-12">
          <TextAreaField
            id="placementNote"
            label={labels.note}
            value={s.note}
            onChange={(v) => set('note', v)}
            rows={2}
            maxLength={LIMITS.longText}
            error={errors.note}
          />
        </div>
      </div>
      <div className="d-flex gap-2">
        <Button color="primary" type="submit" disabled={record.isPending}>
          {record.isPending ? t('common.saving') : t('pathways.placement.submit')}
        </Button>
        <Button color="secondary" outline type="button" onClick={onClose}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}

function PlacementView({ pathwayId }: { pathwayId: string }) {
  const { t, i18n } = useTranslation();
  const placement = usePlacement(pathwayId, true);
  if (!placement.data) return <ErrorAlert error={placement.error} />;
  const p = placement.data;
  return (
    <section aria-labelledby="placement-view-title" className="mt-3" data-testid="placement-view">
      <h3 id="placement-view-title" className="h5">
        {t('pathways.placement.recorded')}
      </h3>
      <dl className="row">
        <Detail label={t('pathways.placement.employer')}>{p.employerName}</Detail>
        <Detail label={t('pathways.placement.contractType')}>
          {t(`pathways.placement.contractTypes.${p.contractType}`)}
        </Detail>
        <Detail label={t('pathways.placement.startDate')}>{formatDate(p.startDate, i18n.language)}</Detail>
        <Detail label={t('pathways.placement.duration')}>
          {p.expectedDurationDays ?? t('pathways.placement.openEnded')}
        </Detail>
        <Detail label={t('pathways.placement.result')}>
          {p.resultTriggered ? t('common.yes') : t('common.no')}
        </Detail>
      </dl>
    </section>
  );
}

/**
 * The selected pathway: who, where, state, profile; the manual transitions the shared state machine
 * allows from the current state; the placement.
 */
export function PathwayPanel({
  pathway,
  canManage,
  onGoToTab,
}: {
  pathway: Pathway;
  canManage: boolean;
  onGoToTab: (tab: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState<PathwayAction | 'placement' | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const manual = pathwayActionsFrom(pathway.state, 'manual');
  const canPlace = canPathwayTransition(pathway.state, 'place');
  const next = NEXT_TAB[pathway.state];
  const finish = (msg: string) => {
    setOpen(null);
    setDone(msg);
  };

  return (
    <section aria-labelledby="pathway-title" className="card card-bg p-4 mb-4" data-testid="pathway-panel">
      <div className="d-flex flex-wrap justify-content-between gap-2 align-items-start">
        <h2 id="pathway-title" className="h4 mb-2">
          {t('pathways.panel.title', { programme: pathway.programmeCode })}{' '}
          <StateBadge state={pathway.state} testId="pathway-state" />
        </h2>
      </div>
      <dl className="row mb-0">
        <Detail label={t('pathways.fields.office')}>{pathway.officeName}</Detail>
        <Detail label={t('pathways.fields.caseWorker')}>{pathway.caseWorkerName}</Detail>
        <Detail label={t('pathways.fields.takenInChargeAt')}>
          {formatDate(pathway.takenInChargeAt, i18n.language)}
        </Detail>
        <Detail label={t('pathways.fields.golPath')}>
          {pathway.golPath !== null && t(`pathways.golPaths.${pathway.golPath}`)}
        </Detail>
        <Detail label={t('pathways.fields.intensityBand')}>
          {pathway.intensityBand !== null && t('pathways.bandN', { band: pathway.intensityBand })}
        </Detail>
        <Detail label={t('pathways.fields.stateChangedAt')}>
          {formatDate(pathway.stateChangedAt, i18n.language)}
        </Detail>
      </dl>
      {next && canManage && (
        <p className="mb-2">
          <span className="fw-semibold">{t('pathways.panel.next')}</span>{' '}
          {t(`pathways.panel.nextStep.${pathway.state}`)}{' '}
          <Button color="primary" size="sm" outline onClick={() => onGoToTab(next)}>
            {t('pathways.panel.goTo', { tab: t(`people.tabs.${next}`) })}
          </Button>
        </p>
      )}
      <Done message={done} testId="pathway-done" />
      {canManage && (manual.length > 0 || canPlace) && (
        <div className="d-flex flex-wrap gap-2 mt-2" role="group" aria-label={t('pathways.actions.label')}>
          {canPlace && (
            <Button
              color="primary"
              size="sm"
              onClick={() => {
                setDone(null);
                setOpen('placement');
              }}
              aria-expanded={open === 'placement'}
            >
              {t('pathways.actions.place')}
            </Button>
          )}
          {manual.map((a) => (
            <Button
              key={a}
              color="secondary"
              outline
              size="sm"
              onClick={() => {
                setDone(null);
                setOpen(a);
              }}
              aria-expanded={open === a}
            >
              {t(`pathways.actions.${a}`)}
            </Button>
          ))}
        </div>
      )}
      {open === 'placement' && (
        <PlacementForm pathway={pathway} onClose={() => setOpen(null)} onDone={finish} />
      )}
      {open && open !== 'placement' && (
        <div className="mt-3">
          <TransitionForm pathway={pathway} action={open} onClose={() => setOpen(null)} onDone={finish} />
        </div>
      )}
      {pathway.state === 'placed' && <PlacementView pathwayId={pathway.id} />}
    </section>
  );
}
