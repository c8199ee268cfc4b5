import { CONTRACT_TYPES, type CandidatureState, type CandidatureTarget } from '@trama/contracts';
import { Badge, Button } from 'design-react-kit';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../../api/client';
import { SelectField, TextField } from '../../components/fields';
import { ErrorAlert } from '../../components/feedback';
import type { FieldErrors } from '../../components/validate';
import { formatDate } from '../../i18n/format';
import { useVacancy } from '../vacancies/vacancies.queries';
import { useTransitionCandidature, type Candidature } from './candidatures.queries';

const COLORS: Record<CandidatureState, string> = {
  proposed: 'primary',
  screening: 'primary',
  interview: 'warning',
  hired: 'success',
  rejected: 'secondary',
  withdrawn: 'secondary',
};

export function CandidatureBadge({ state }: { state: CandidatureState }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLORS[state]} testId="candidature-state">
      {t(`candidatures.states.${state}`)}
    </Badge>
  );
}

const OPEN_ENDED = new Set(['permanent', 'apprenticeship']);

/** The hire asks for the contract of the placement, pre-filled from the vacancy. */
function HireForm({ c, onDone, onCancel }: { c: Candidature; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const vacancy = useVacancy(c.vacancyId);
  const move = useTransitionCandidature();
  const v = vacancy.data;
  const [contractType, setContractType] = useState<string | null>(null);
  const [startDate, setStartDate] = useState<string | null>(null);
  const [duration, setDuration] = useState<string | null>(null);
  const [hours, setHours] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const ct = contractType ?? v?.contractType ?? 'permanent';
  const start = startDate ?? (v?.startDate && v.startDate > today() ? v.startDate : today());
  const dur = duration ?? (v?.durationMonths ? String(v.durationMonths) : '');
  const hrs = hours ?? (v?.hoursPerWeek ? String(v.hoursPerWeek) : '');
  const id = `hire-${c.id}`;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const errs: FieldErrors = {};
    const months = dur.trim() ? Number(dur) : null;
    const perWeek = hrs.trim() ? Number(hrs) : null;
    if (months === null && !OPEN_ENDED.has(ct))
      errs['placement.durationMonths'] = { field: 'placement.durationMonths', code: 'required', message: '' };
    if (months !== null && (!Number.isInteger(months) || months < 1 || months > 120))
      errs['placement.durationMonths'] = { field: 'placement.durationMonths', code: 'invalid', message: '' };
    if (perWeek !== null && (!Number.isInteger(perWeek) || perWeek < 1 || perWeek > 60))
      errs['placement.hoursPerWeek'] = { field: 'placement.hoursPerWeek', code: 'invalid', message: '' };
    if (!start) errs['placement.startDate'] = { field: 'placement.startDate', code: 'required', message: '' };
    setErrors(errs);
    if (Object.keys(errs).length) return;
    try {
      await move.mutateAsync({
        id: c.id,
        to: 'hired',
        placement: {
          contractType: ct as (typeof CONTRACT_TYPES)[number],
          startDate: start,
          durationMonths: months,
          hoursPerWeek: perWeek,
        },
      });
      onDone();
    } catch (err) {
      if (isApiError(err) && err.errors.length) setErrors(err.fieldErrors());
    }
  }

  return (
    <form
      onSubmit={submit}
      noValidate
      className="trama-hire-form border rounded p-3 my-2"
      aria-labelledby={`${id}-title`}
    >
      <h3 className="h5" id={`${id}-title`}>
        {t('candidatures.hire.title', { name: `${c.person.firstName} ${c.person.lastName}` })}
      </h3>
      <p className="small">{t('candidatures.hire.intro')}</p>
      {!Object.keys(errors).length && <ErrorAlert error={move.error} />}
      <div className="row">
        <div className="col-12 col-md-6">
          <SelectField
            id={`${id}-contractType`}
            label={t('candidatures.hire.contractType')}
            value={ct}
            onChange={setContractType}
            options={CONTRACT_TYPES.map((x) => ({
              value: x,
              label: t(`pathways.placement.contractTypes.${x}`),
            }))}
            required
          />
        </div>
        <div className="col-12 col-md-6">
          <TextField
            id={`${id}-startDate`}
            type="date"
            label={t('candidatures.hire.startDate')}
            value={start}
            onChange={setStartDate}
            error={errors['placement.startDate']}
            required
          />
        </div>
        <div className="col-12 col-md-6">
          <TextField
            id={`${id}-durationMonths`}
            label={t('candidatures.hire.durationMonths')}
            hint={t('candidatures.hire.durationHint')}
            value={dur}
            onChange={setDuration}
            error={errors['placement.durationMonths']}
            inputMode="numeric"
            maxLength={3}
          />
        </div>
        <div className="col-12 col-md-6">
          <TextField
            id={`${id}-hoursPerWeek`}
            label={t('candidatures.hire.hoursPerWeek')}
            value={hrs}
            onChange={setHours}
            error={errors['placement.hoursPerWeek']}
            inputMode="numeric"
            maxLength={2}
          />
        </div>
      </div>
      <div className="d-flex gap-2">
        <Button color="success" type="submit" disabled={move.isPending || vacancy.isPending}>
          {move.isPending ? t('common.saving') : t('candidatures.hire.confirm')}
        </Button>
        <Button color="secondary" outline type="button" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** The state actions the reader's side may take (from the shared state machine, as the server says). */
export function CandidatureActions({ c }: { c: Candidature }) {
  const { t } = useTranslation();
  const move = useTransitionCandidature();
  const [hiring, setHiring] = useState(false);
  const [done, setDone] = useState('');
  if (hiring) return <HireForm c={c} onCancel={() => setHiring(false)} onDone={() => setHiring(false)} />;
  const go = (to: CandidatureTarget) => {
    if (to === 'hired') {
      setHiring(true);
      return;
    }
    move.mutate(
      { id: c.id, to },
      { onSuccess: () => setDone(t('candidatures.moved', { state: t(`candidatures.states.${to}`) })) },
    );
  };
  return (
    <div>
      <div className="d-flex flex-wrap gap-1">
        {c.availableTransitions.map((to) => (
          <Button
            key={to}
            size="xs"
            color={
              to === 'hired' ? 'success' : to === 'rejected' || to === 'withdrawn' ? 'secondary' : 'primary'
            }
            outline={to !== 'hired'}
            disabled={move.isPending}
            onClick={() => go(to)}
            aria-label={t(`candidatures.actionsFor.${to}`, {
              name: `${c.person.firstName} ${c.person.lastName}`,
            })}
          >
            {t(`candidatures.actions.${to}`)}
          </Button>
        ))}
      </div>
      <ErrorAlert error={move.error} />
      <span className="visually-hidden" aria-live="polite">
        {done}
      </span>
    </div>
  );
}

/** Candidatures as a table; `show` picks the columns for the reader. */
export function CandidatureTable({
  items,
  caption,
  show,
}: {
  items: Candidature[];
  caption: string;
  show: {
    vacancy?: boolean;
    company?: boolean;
    proposer?: boolean;
    contacts?: boolean;
    personLink?: boolean;
  };
}) {
  const { t, i18n } = useTranslation();
  return (
    <div className="table-responsive">
      <table className="table trama-table" data-testid="candidatures-table">
        <caption className="caption-top">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('candidatures.fields.person')}</th>
            {show.vacancy && <th scope="col">{t('candidatures.fields.vacancy')}</th>}
            {show.company && <th scope="col">{t('candidatures.fields.company')}</th>}
            {show.proposer && <th scope="col">{t('candidatures.fields.proposer')}</th>}
            <th scope="col">{t('candidatures.fields.state')}</th>
            <th scope="col">{t('candidatures.fields.changedAt')}</th>
            <th scope="col">{t('candidatures.fields.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((c) => {
            const name = `${c.person.firstName} ${c.person.lastName}`;
            return (
              <tr key={c.id} data-testid="candidature-row">
                <th scope="row" className="fw-normal">
                  {show.personLink ? <Link to={`/people/${c.personId}/matches`}>{name}</Link> : name}
                  {show.contacts && (c.person.email || c.person.phone) && (
                    <div className="small text-muted">
                      {[c.person.email, c.person.phone].filter(Boolean).join(' · ')}
                    </div>
                  )}
                  {c.note && <div className="small">{c.note}</div>}
                </th>
                {show.vacancy && (
                  <td>
                    <Link to={`/vacancies/${c.vacancyId}`}>{c.vacancyTitle}</Link>
                  </td>
                )}
                {show.company && <td>{c.companyName}</td>}
                {show.proposer && (
                  <td>{c.proposingOrganizationName ?? t('candidatures.origin.application')}</td>
                )}
                <td>
                  <CandidatureBadge state={c.state} />
                  {c.state === 'hired' && c.pathwayId && (
                    <div className="small">{t('candidatures.placedOnPathway')}</div>
                  )}
                </td>
                <td>{formatDate(c.stateChangedAt, i18n.language)}</td>
                <td>
                  {c.availableTransitions.length ? (
                    <CandidatureActions c={c} />
                  ) : (
                    <span aria-hidden="true">—</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
