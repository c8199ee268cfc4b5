import {
  LIMITS,
  PactContentInput,
  SIGNATURE_METHODS,
  isPathwayOpen,
  type PactVersion,
  type PathwayState,
} from '@trama/contracts';
import { Badge, Button } from 'design-react-kit';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../components/fields';
import { EmptyState, ErrorAlert, Loading } from '../../components/feedback';
import { FormErrors, removeAt, submitValidated, updateAt } from '../../components/form-errors';
import { optionalNumber, validate, type FieldErrors } from '../../components/validate';
import { formatDateTime } from '../../i18n/format';
import { Detail, Done } from './pathway-ui';
import { pactPdfUrl, useCreatePactVersion, usePact, useSignPact, type Pathway } from './pathways.queries';

/** States in which a pact version may be drawn up (after a confirmed assessment, while open). */
const PACT_STATES: readonly PathwayState[] = ['assessed', 'pact_signed', 'in_delivery', 'suspended'];

interface PactFormState {
  acts: { description: string; timing: string }[];
  meetingFrequencyDays: string;
  searchProofMethod: string;
  availableForTraining: boolean;
  availableForWorkshops: boolean;
  acceptsSuitableOffers: boolean;
  notes: string;
}

function initialPact(t: (k: string) => string, last?: PactVersion): PactFormState {
  if (last)
    return {
      acts: last.content.jobSearchActs.map((a) => ({ ...a })),
      meetingFrequencyDays: String(last.content.meetingFrequencyDays),
      searchProofMethod: last.content.searchProofMethod,
      availableForTraining: last.content.availableForTraining,
      availableForWorkshops: last.content.availableForWorkshops,
      acceptsSuitableOffers: last.content.acceptsSuitableOffers,
      notes: last.content.notes ?? '',
    };
  return {
    acts: [{ description: t('pathways.pact.defaultAct'), timing: t('pathways.pact.defaultTiming') }],
    meetingFrequencyDays: '30',
    searchProofMethod: t('pathways.pact.defaultProof'),
    availableForTraining: true,
    availableForWorkshops: true,
    acceptsSuitableOffers: true,
    notes: '',
  };
}

function PactForm({
  pathway,
  last,
  onDone,
  onCancel,
}: {
  pathway: Pathway;
  last?: PactVersion;
  onDone: (v: PactVersion) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const create = useCreatePactVersion(pathway.id);
  const [s, setS] = useState<PactFormState>(() => initialPact(t, last));
  const [errors, setErrors] = useState<FieldErrors>({});
  const set = <K extends keyof PactFormState>(k: K, v: PactFormState[K]) => setS((p) => ({ ...p, [k]: v }));
  const labels: Record<string, string> = {
    jobSearchActs: t('pathways.pact.acts'),
    meetingFrequencyDays: t('pathways.pact.meetingFrequencyDays'),
    searchProofMethod: t('pathways.pact.searchProofMethod'),
    notes: t('pathways.pact.notes'),
  };
  s.acts.forEach((_, i) => {
    labels[`jobSearchActs.${i}.description`] = t('pathways.pact.actDescription', { n: i + 1 });
    labels[`jobSearchActs.${i}.timing`] = t('pathways.pact.actTiming', { n: i + 1 });
  });

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const v = validate(PactContentInput, {
      jobSearchActs: s.acts,
      meetingFrequencyDays: optionalNumber(s.meetingFrequencyDays),
      searchProofMethod: s.searchProofMethod,
      availableForTraining: s.availableForTraining,
      availableForWorkshops: s.availableForWorkshops,
      acceptsSuitableOffers: s.acceptsSuitableOffers,
      notes: s.notes.trim() || null,
    });
    await submitValidated(v, setErrors, async (data) => onDone(await create.mutateAsync(data)));
  }

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="card card-bg p-4 mb-4"
      aria-labelledby="pact-form-title"
      data-testid="pact-form"
    >
      <h3 id="pact-form-title" className="h5">
        {last
          ? t('pathways.pact.newVersionOf', { version: last.version + 1 })
          : t('pathways.pact.firstVersion')}
      </h3>
      <p className="small">{t('pathways.pact.formIntro')}</p>
      <FormErrors errors={errors} labels={labels} error={create.error} />
      <fieldset className="mb-3" id="jobSearchActs" tabIndex={-1}>
        <legend className="h6 fw-semibold">{labels.jobSearchActs}</legend>
        {s.acts.map((a, i) => (
          <div className="row align-items-start" key={i}>
            <div className="col-12 col-md-6">
              <TextField
                id={`jobSearchActs-${i}-description`}
                label={labels[`jobSearchActs.${i}.description`]!}
                value={a.description}
                onChange={(v) => set('acts', updateAt(s.acts, i, { description: v }))}
                maxLength={LIMITS.name}
                error={errors[`jobSearchActs.${i}.description`]}
                required
              />
            </div>
            <div className="col-12 col-md-4">
              <TextField
                id={`jobSearchActs-${i}-timing`}
                label={labels[`jobSearchActs.${i}.timing`]!}
                value={a.timing}
                onChange={(v) => set('acts', updateAt(s.acts, i, { timing: v }))}
                maxLength={LIMITS.shortText}
                error={errors[`jobSearchActs.${i}.timing`]}
                required
              />
            </div>
            <div className="col-12 col-md-2 pt-md-4 mb-3">
              {s.acts.length > 1 && (
                <Button
                  color="secondary"
                  outline
                  size="sm"
                  type="button"
                  onClick={() => set('acts', removeAt(s.acts, i))}
                >
                  {t('pathways.pact.removeAct', { n: i + 1 })}
                </Button>
              )}
            </div>
          </div>
        ))}
        {errors.jobSearchActs && <div className="invalid-feedback d-block">{t('validation.required')}</div>}
        <Button
          color="primary"
          outline
          size="sm"
          type="button"
          onClick={() => set('acts', [...s.acts, { description: '', timing: '' }])}
        >
          {t('pathways.pact.addAct')}
        </Button>
      </fieldset>
      <div className="row">
        <div className="col-12 col-md-4">
          <TextField
            id="meetingFrequencyDays"
            label={labels.meetingFrequencyDays!}
            value={s.meetingFrequencyDays}
            onChange={(v) => set('meetingFrequencyDays', v)}
            inputMode="numeric"
            maxLength={3}
            error={errors.meetingFrequencyDays}
            required
          />
        </div>
        <div className="col-12 col-md-8">
          <TextField
            id="searchProofMethod"
            label={labels.searchProofMethod!}
            value={s.searchProofMethod}
            onChange={(v) => set('searchProofMethod', v)}
            maxLength={LIMITS.longText}
            error={errors.searchProofMethod}
            required
          />
        </div>
      </div>
      <fieldset className="mb-3">
        <legend className="h6 fw-semibold">{t('pathways.pact.availability')}</legend>
        <CheckboxField
          id="availableForTraining"
          label={t('pathways.pact.availableForTraining')}
          checked={s.availableForTraining}
          onChange={(v) => set('availableForTraining', v)}
        />
        <CheckboxField
          id="availableForWorkshops"
          label={t('pathways.pact.availableForWorkshops')}
          checked={s.availableForWorkshops}
          onChange={(v) => set('availableForWorkshops', v)}
        />
        <CheckboxField
          id="acceptsSuitableOffers"
          label={t('pathways.pact.acceptsSuitableOffers')}
          checked={s.acceptsSuitableOffers}
          onChange={(v) => set('acceptsSuitableOffers', v)}
        />
      </fieldset>
      <TextAreaField
        id="pactNotes"
        label={labels.notes!}
        value={s.notes}
        onChange={(v) => set('notes', v)}
        rows={2}
        maxLength={LIMITS.longText}
        error={errors.notes}
      />
      <div className="d-flex gap-2">
        <Button color="primary" type="submit" disabled={create.isPending}>
          {create.isPending ? t('common.saving') : t('pathways.pact.create')}
        </Button>
        <Button color="secondary" outline type="button" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}

function SignBox({
  pathway,
  pact,
  signer,
  onDone,
}: {
  pathway: Pathway;
  pact: PactVersion;
  signer: 'person' | 'operator';
  onDone: (msg: string) => void;
}) {
  const { t } = useTranslation();
  const sign = useSignPact(pathway.id);
  const [method, setMethod] = useState<string>('handwritten');
  const id = `sign-${signer}-method`;
  return (
    <div className="d-flex flex-wrap align-items-end gap-2 mb-2">
      <div className="trama-sign-method">
        <SelectField
          id={id}
          label={t(`pathways.pact.methodFor.${signer}`)}
          value={method}
          onChange={setMethod}
          options={SIGNATURE_METHODS.map((m) => ({ value: m, label: t(`pathways.pact.method.${m}`) }))}
        />
      </div>
      <Button
        color="primary"
        className="mb-4"
        disabled={sign.isPending}
        onClick={() =>
          sign.mutate(
            { version: pact.version, signer, method: method as (typeof SIGNATURE_METHODS)[number] },
            {
              onSuccess: (p) =>
                onDone(
                  p.status === 'signed'
                    ? t('pathways.pact.signedBoth')
                    : t(`pathways.pact.signedBy.${signer}`),
                ),
            },
          )
        }
      >
        {t(`pathways.pact.sign.${signer}`)}
      </Button>
      <ErrorAlert error={sign.error} />
    </div>
  );
}

function PactVersionCard({
  pathway,
  pact,
  latest,
  canSign,
  onDone,
}: {
  pathway: Pathway;
  pact: PactVersion;
  latest: boolean;
  canSign: boolean;
  onDone: (msg: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const c = pact.content;
  const statusColor =
    pact.status === 'signed' ? 'success' : pact.status === 'draft' ? 'warning' : 'secondary';
  const sig = (at: string | null, method: string | null) =>
    at
      ? `${formatDateTime(at, i18n.language)} · ${t(`pathways.pact.method.${method}`)}`
      : t('pathways.pact.notSigned');
  return (
    <article
      className={`card card-bg p-4 mb-3${latest ? ' border border-primary' : ''}`}
      aria-labelledby={`pact-v${pact.version}`}
      data-testid={`pact-version-${pact.version}`}
    >
      <div className="d-flex flex-wrap justify-content-between gap-2">
        <h3 id={`pact-v${pact.version}`} className="h5">
          {t('pathways.pact.version', { version: pact.version })}{' '}
          <Badge color={statusColor}>{t(`pathways.pact.status.${pact.status}`)}</Badge>
        </h3>
        <a
          className="btn btn-outline-primary btn-sm"
          href={pactPdfUrl(pathway.id, pact.version)}
          target="_blank"
          rel="noopener"
        >
          {t('pathways.pact.pdf', { version: pact.version })}
          <span className="visually-hidden"> {t('common.newWindow')}</span>
        </a>
      </div>
      <dl className="row">
        <Detail label={t('pathways.pact.createdAt')}>{formatDateTime(pact.createdAt, i18n.language)}</Detail>
        <Detail label={t('pathways.pact.personSignature')}>
          {sig(pact.personSignedAt, pact.personSignatureMethod)}
        </Detail>
        <Detail label={t('pathways.pact.operatorSignature')}>
          {sig(pact.operatorSignedAt, pact.operatorSignatureMethod)}
        </Detail>
        <Detail label={t('pathways.pact.responsible')}>
          {`${c.responsibleOperator.caseWorkerName} – ${c.responsibleOperator.organizationName}, ${c.responsibleOperator.officeName}`}
        </Detail>
        <Detail label={t('pathways.pact.profile')}>
          {c.profile.golPath
            ? t('pathways.assessment.pathBand', { path: c.profile.golPath, band: c.profile.intensityBand })
            : null}
        </Detail>
        <Detail label={t('pathways.pact.meetingFrequencyDays')}>{c.meetingFrequencyDays}</Detail>
        <Detail label={t('pathways.pact.acts')} wide>
          <ul className="mb-0">
            {c.jobSearchActs.map((a, i) => (
              <li key={i}>
                {a.description} – {a.timing}
              </li>
            ))}
          </ul>
        </Detail>
        <Detail label={t('pathways.pact.searchProofMethod')} wide>
          {c.searchProofMethod}
        </Detail>
        <Detail label={t('pathways.pact.availability')} wide>
          {[
            c.availableForTraining && t('pathways.pact.availableForTraining'),
            c.availableForWorkshops && t('pathways.pact.availableForWorkshops'),
            c.acceptsSuitableOffers && t('pathways.pact.acceptsSuitableOffers'),
          ]
            .filter(Boolean)
            .join('; ')}
        </Detail>
      </dl>
      {latest && canSign && pact.status === 'draft' && (
        <section aria-label={t('pathways.pact.signatures')}>
          {!pact.personSignedAt && <SignBox pathway={pathway} pact={pact} signer="person" onDone={onDone} />}
          {!pact.operatorSignedAt && (
            <SignBox pathway={pathway} pact={pact} signer="operator" onDone={onDone} />
          )}
        </section>
      )}
    </article>
  );
}

/** The service pact: versions (newest first) with signatures and PDF; a new version; signing. */
export function PactTab({ pathway, canManage }: { pathway: Pathway; canManage: boolean }) {
  const { t } = useTranslation();
  const pact = usePact(pathway.id);
  const [drafting, setDrafting] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const items = pact.data?.items ?? [];
  const latest = items[0];
  const canDraft = canManage && PACT_STATES.includes(pathway.state);
  const open = isPathwayOpen(pathway.state);

  return (
    <>
      <div className="d-flex flex-wrap justify-content-between align-items-start gap-2">
        <h2 className="h3">{t('pathways.pact.title')}</h2>
        {canDraft && !drafting && (
          <Button
            color={latest ? 'secondary' : 'primary'}
            outline={Boolean(latest)}
            onClick={() => {
              setDone(null);
              setDrafting(true);
            }}
          >
            {latest ? t('pathways.pact.newVersion') : t('pathways.pact.draw')}
          </Button>
        )}
      </div>
      {!canDraft && pathway.state === 'taken_in_charge' && (
        <p className="alert alert-info" role="note">
          {t('pathways.pact.needsAssessment')}
        </p>
      )}
      <Done message={done} testId="pact-done" />
      {drafting && (
        <PactForm
          pathway={pathway}
          last={latest}
          onCancel={() => setDrafting(false)}
          onDone={(v) => {
            setDrafting(false);
            setDone(t('pathways.pact.created', { version: v.version }));
          }}
        />
      )}
      {pact.isPending && <Loading />}
      <ErrorAlert error={pact.error} />
      {pact.isSuccess && items.length === 0 && !drafting && <EmptyState title={t('pathways.pact.none')} />}
      {items.map((v) => (
        <PactVersionCard
          key={v.id}
          pathway={pathway}
          pact={v}
          latest={v.id === latest?.id}
          canSign={canManage && open}
          onDone={setDone}
        />
      ))}
    </>
  );
}
