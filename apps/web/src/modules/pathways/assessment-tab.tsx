import {
  AssessmentInput,
  GOL_PATHS,
  LIMITS,
  QUESTIONNAIRES,
  isPathwayOpen,
  type AssessmentProposal,
} from '@trama/contracts';
import { Badge, Button, Table } from 'design-react-kit';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { SelectField, TextAreaField } from '../../components/fields';
import { EmptyState, ErrorAlert, ErrorSummary, Loading } from '../../components/feedback';
import { validate, type FieldErrors } from '../../components/validate';
import { formatDateTime } from '../../i18n/format';
import { i18n as i18nInstance } from '../../i18n';
import { Done } from './pathway-ui';
import {
  useAssessmentProposal,
  useAssessments,
  useProgramme,
  useRecordAssessment,
  type Pathway,
} from './pathways.queries';

/** A factor's name: translated by its key when we know it, else the rule set's own label. */
function factorLabel(t: (k: string) => string, f: { key: string; label: string }) {
  const k = `pathways.assessment.factors.${f.key}`;
  return i18nInstance.exists(k) ? t(k) : f.label;
}

function factorValue(t: (k: string) => string, v: unknown): string {
  if (v === null || v === undefined) return t('pathways.assessment.unknown');
  if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
  if (Array.isArray(v))
    return v.length ? v.map((x) => t(`people.priorityTarget.${String(x)}`)).join(', ') : '—';
  return String(v);
}

function ProposalExplained({ proposal }: { proposal: AssessmentProposal }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="proposal-title" className="mb-4" data-testid="assessment-proposal">
      <h3 id="proposal-title" className="h5">
        {t('pathways.assessment.proposalTitle')}
      </h3>
      <p className="lead" data-testid="assessment-result">
        {t('pathways.assessment.proposalSummary', {
          score: proposal.score,
          path: t(`pathways.golPaths.${proposal.proposedPath}`),
          band: proposal.proposedBand,
          version: proposal.ruleSetVersion,
        })}
      </p>
      <Table responsive size="sm">
        <caption className="caption-top">{t('pathways.assessment.factorsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('pathways.assessment.factor')}</th>
            <th scope="col">{t('pathways.assessment.value')}</th>
            <th scope="col" className="text-end">
              {t('pathways.assessment.points')}
            </th>
          </tr>
        </thead>
        <tbody>
          {proposal.factors.map((f) => (
            <tr key={f.key}>
              <th scope="row" className="fw-normal">
                {factorLabel(t, f)}
              </th>
              <td>{factorValue(t, f.value)}</td>
              <td className="text-end">{f.points}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('pathways.assessment.score')}</th>
            <td />
            <td className="text-end fw-semibold">{proposal.score}</td>
          </tr>
        </tfoot>
      </Table>
    </section>
  );
}

function AssessmentForm({
  pathway,
  proposal,
  onDone,
  onCancel,
}: {
  pathway: Pathway;
  proposal: AssessmentProposal;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const programme = useProgramme(pathway.programmeId);
  const record = useRecordAssessment(pathway.id);
  const version = programme.data?.questionnaireVersion ?? 'qual-1';
  const questionnaire = QUESTIONNAIRES[version] ?? QUESTIONNAIRES['qual-1']!;
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [path, setPath] = useState(String(proposal.proposedPath));
  const [band, setBand] = useState(String(proposal.proposedBand));
  const [overrideReason, setOverrideReason] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const overridden = Number(path) !== proposal.proposedPath || Number(band) !== proposal.proposedBand;
  const bands = programme.data?.bands ?? [];

  const labels: Record<string, string> = {
    confirmedPath: t('pathways.assessment.confirmedPath'),
    confirmedBand: t('pathways.assessment.confirmedBand'),
    overrideReason: t('pathways.assessment.overrideReason'),
    note: t('pathways.assessment.note'),
  };
  for (const q of questionnaire.questions) labels[`answers.${q.key}`] = t(q.labelKey);

  function answerValue(kind: string, raw: string | undefined) {
    if (raw === undefined || raw === '') return null;
    if (kind === 'scale') return Number(raw);
    if (kind === 'boolean') return raw === 'true';
    return raw;
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const payload = {
      questionnaireVersion: questionnaire.version,
      answers: Object.fromEntries(
        questionnaire.questions.map((q) => [q.key, answerValue(q.kind, answers[q.key])]),
      ),
      confirmedPath: Number(path),
      confirmedBand: Number(band),
      overrideReason: overridden ? overrideReason.trim() || null : null,
      note: note.trim() || null,
    };
    const local: FieldErrors = {};
    for (const q of questionnaire.questions)
      if (q.required && payload.answers[q.key] === null)
        local[`answers.${q.key}`] = { field: `answers.${q.key}`, code: 'required', message: '' };
    if (overridden && !payload.overrideReason)
      local.overrideReason = { field: 'overrideReason', code: 'override_reason_required', message: '' };
    const v = validate(AssessmentInput, payload);
    if (!v.ok || Object.keys(local).length) {
      setErrors({ ...local, ...(v.ok ? {} : v.errors) });
      return;
    }
    setErrors({});
    try {
      await record.mutateAsync(v.data);
      onDone();
    } catch (err) {
      if (isApiError(err) && err.errors.length) setErrors(err.fieldErrors());
    }
  }

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="assessment-form-title"
      data-testid="assessment-form"
    >
      <h3 id="assessment-form-title" className="h5">
        {t('pathways.assessment.formTitle')}
      </h3>
      <ErrorSummary errors={errors} labels={labels} />
      {Object.keys(errors).length === 0 && <ErrorAlert error={record.error} />}
      <fieldset className="mb-4">
        <legend className="h6 fw-semibold">
          {t('pathways.assessment.questionnaire', { version: questionnaire.version })}
        </legend>
        <p className="small">{t('pathways.assessment.questionnaireNote')}</p>
        <div className="row">
          {questionnaire.questions.map((q) => {
            const id = `answers-${q.key}`;
            const set = (v: string) => setAnswers((a) => ({ ...a, [q.key]: v }));
            const error = errors[`answers.${q.key}`];
            return (
              <div className={q.kind === 'text' ? 'col-12' : 'col-12 col-md-6'} key={q.key}>
                {q.kind === 'text' ? (
                  <TextAreaField
                    id={id}
                    label={t(q.labelKey)}
                    value={answers[q.key] ?? ''}
                    onChange={set}
                    rows={2}
                    maxLength={LIMITS.longText}
                    required={q.required}
                    error={error}
                  />
                ) : (
                  <SelectField
                    id={id}
                    label={t(q.labelKey)}
                    value={answers[q.key] ?? ''}
                    onChange={set}
                    placeholder={t('people.form.choose')}
                    options={
                      q.kind === 'scale'
                        ? [1, 2, 3, 4, 5].map((n) => ({
                            value: String(n),
                            label: t(`pathways.assessment.scale.${n}`),
                          }))
                        : [
                            { value: 'true', label: t('common.yes') },
                            { value: 'false', label: t('common.no') },
                          ]
                    }
                    required={q.required}
                    error={error}
                  />
                )}
              </div>
            );
          })}
        </div>
      </fieldset>
      <fieldset className="mb-4">
        <legend className="h6 fw-semibold">{t('pathways.assessment.decision')}</legend>
        <div className="row">
          <div className="col-12 col-md-6">
            <SelectField
              id="confirmedPath"
              label={labels.confirmedPath!}
              value={path}
              onChange={setPath}
              options={GOL_PATHS.map((p) => ({
                value: String(p),
                label:
                  t(`pathways.golPaths.${p}`) +
                  (p === proposal.proposedPath ? ` (${t('pathways.assessment.proposed')})` : ''),
              }))}
              error={errors.confirmedPath}
              required
            />
          </div>
          <div className="col-12 col-md-6">
            <SelectField
              id="confirmedBand"
              label={labels.confirmedBand!}
              value={band}
              onChange={setBand}
              options={(bands.length ? bands : [{ band: proposal.proposedBand, name: '' }]).map((b) => ({
                value: String(b.band),
                label:
                  `${t('pathways.bandN', { band: b.band })}${b.name ? ` – ${b.name}` : ''}` +
                  (b.band === proposal.proposedBand ? ` (${t('pathways.assessment.proposed')})` : ''),
              }))}
              error={errors.confirmedBand}
              required
            />
          </div>
        </div>
        {overridden && (
          <TextAreaField
            id="overrideReason"
            label={labels.overrideReason!}
            hint={t('pathways.assessment.overrideHint')}
            value={overrideReason}
            onChange={setOverrideReason}
            rows={2}
            maxLength={LIMITS.longText}
            required
            error={errors.overrideReason}
          />
        )}
        <TextAreaField
          id="assessmentNote"
          label={labels.note!}
          value={note}
          onChange={setNote}
          rows={2}
          maxLength={LIMITS.longText}
          error={errors.note}
        />
      </fieldset>
      <div className="d-flex gap-2">
        <Button color="primary" type="submit" disabled={record.isPending}>
          {record.isPending
            ? t('common.saving')
            : overridden
              ? t('pathways.assessment.submitOverride')
              : t('pathways.assessment.submitConfirm')}
        </Button>
        <Button color="secondary" outline type="button" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}

/** Assessment: history (re-assessments keep it), then run a new one: proposal explained, confirm or override. */
export function AssessmentTab({ pathway, canManage }: { pathway: Pathway; canManage: boolean }) {
  const { t, i18n } = useTranslation();
  const history = useAssessments(pathway.id);
  const [running, setRunning] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const proposal = useAssessmentProposal(pathway.id, running);
  const open = isPathwayOpen(pathway.state);
  const items = history.data?.items ?? [];

  return (
    <>
      <div className="d-flex flex-wrap justify-content-between align-items-start gap-2">
        <h2 className="h3">{t('pathways.assessment.title')}</h2>
        {canManage && open && !running && (
          <Button
            color="primary"
            onClick={() => {
              setDone(null);
              setRunning(true);
            }}
          >
            {items.length ? t('pathways.assessment.rerun') : t('pathways.assessment.run')}
          </Button>
        )}
      </div>
      <Done message={done} testId="assessment-done" />
      {running && (
        <div aria-live="polite" aria-busy={proposal.isFetching}>
          {proposal.isFetching && <Loading label={t('pathways.assessment.computing')} />}
          <ErrorAlert error={proposal.error} />
          {proposal.data && !proposal.isFetching && (
            <div className="card card-bg p-4 mb-4">
              <ProposalExplained proposal={proposal.data} />
              <AssessmentForm
                pathway={pathway}
                proposal={proposal.data}
                onCancel={() => setRunning(false)}
                onDone={() => {
                  setRunning(false);
                  setDone(t('pathways.assessment.done'));
                }}
              />
            </div>
          )}
        </div>
      )}
      <h3 className="h5" id="assessment-history-title">
        {t('pathways.assessment.history')}
      </h3>
      {history.isPending && <Loading />}
      <ErrorAlert error={history.error} />
      {history.isSuccess && items.length === 0 && <EmptyState title={t('pathways.assessment.none')} />}
      {items.length > 0 && (
        <Table responsive data-testid="assessment-history">
          <caption className="caption-top">{t('pathways.assessment.historyCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('pathways.assessment.when')}</th>
              <th scope="col" className="text-end">
                {t('pathways.assessment.score')}
              </th>
              <th scope="col">{t('pathways.assessment.proposal')}</th>
              <th scope="col">{t('pathways.assessment.decisionColumn')}</th>
              <th scope="col">{t('pathways.assessment.rules')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((a) => (
              <tr key={a.id}>
                <th scope="row" className="fw-normal">
                  {formatDateTime(a.assessedAt, i18n.language)}
                </th>
                <td className="text-end">{a.score}</td>
                <td>{t('pathways.assessment.pathBand', { path: a.proposedPath, band: a.proposedBand })}</td>
                <td>
                  {t('pathways.assessment.pathBand', { path: a.confirmedPath, band: a.confirmedBand })}
                  {a.overridden ? (
                    <>
                      {' '}
                      <Badge color="warning">{t('pathways.assessment.overridden')}</Badge>
                      {a.overrideReason && <div className="small">{a.overrideReason}</div>}
                    </>
                  ) : (
                    <>
                      {' '}
                      <Badge color="success">{t('pathways.assessment.confirmed')}</Badge>
                    </>
                  )}
                </td>
                <td>{t('pathways.assessment.rulesVersion', { version: a.ruleSetVersion })}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}
