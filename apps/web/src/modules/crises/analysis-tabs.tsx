import type { MarketingGroup } from '@trama/contracts';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorAlert, Loading } from '../../components/feedback';
import { formatCents } from '../vouchers/money';
import {
  marketingPdfUrl,
  useMarketing,
  useOutcome,
  useSkillsProfile,
  useTargetCompanies,
} from './crises.queries';

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

function CountTable({
  caption,
  rows,
}: {
  caption: string;
  rows: { key: string; label: string; count: number | string }[];
}) {
  const { t } = useTranslation();
  if (!rows.length) return null;
  return (
    <div className="table-responsive" tabIndex={0} role="region" aria-label={caption}>
      <table className="table table-sm">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('crises.profile.group')}</th>
            <th scope="col" className="text-end">
              {t('crises.profile.workers')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <td>{r.label}</td>
              <td className="text-end">{r.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The cohort's skills profile: ESCO skills, occupations and ISCO groups with counts. */
export function SkillsTab({ crisisId }: { crisisId: string }) {
  const { t } = useTranslation();
  const q = useSkillsProfile(crisisId, true);
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorAlert error={q.error} />;
  const p = q.data;
  if (p.cohortSize === 0) return <EmptyState title={t('crises.profile.empty')} />;
  const label = (l: string | null, key: string) => l ?? key;
  return (
    <section aria-labelledby="skills-title">
      <h2 id="skills-title" className="h3">
        {t('crises.profile.title')}
      </h2>
      <p>{t('crises.profile.intro', { count: p.cohortSize, withSkills: p.withSkills })}</p>
      {p.suppressed && <p className="small">{t('crises.profile.suppressed')}</p>}
      <CountTable
        caption={t('crises.profile.skills')}
        rows={p.skills.map((s) => ({ key: s.key, label: label(s.label, s.key), count: s.count }))}
      />
      <CountTable
        caption={t('crises.profile.occupations')}
        rows={p.occupations.map((s) => ({ key: s.key, label: label(s.label, s.key), count: s.count }))}
      />
      <CountTable
        caption={t('crises.profile.isco')}
        rows={p.iscoGroups.map((s) => ({
          key: s.key,
          label: `${s.key} – ${label(s.label, s.key)}`,
          count: s.count,
        }))}
      />
    </section>
  );
}

/** Companies ranked by how well their vacancies and sector demand the cohort's skills within reach. */
export function TargetsTab({ crisisId }: { crisisId: string }) {
  const { t } = useTranslation();
  const q = useTargetCompanies(crisisId, true);
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorAlert error={q.error} />;
  const r = q.data;
  return (
    <section aria-labelledby="targets-title">
      <h2 id="targets-title" className="h3">
        {t('crises.targets.title')}
      </h2>
      <p>
        {t('crises.targets.intro', {
          skills: pct(r.weights.skills),
          positions: pct(r.weights.positions),
          sector: pct(r.weights.sector),
          reach: pct(r.weights.reach),
        })}
      </p>
      {r.items.length === 0 ? (
        <EmptyState title={t('crises.targets.none')}>
          <p className="mb-0">{t('crises.targets.noneHint')}</p>
        </EmptyState>
      ) : (
        <ol className="list-unstyled" data-testid="target-companies">
          {r.items.map((c) => (
            <li key={c.organizationId} className="border p-3 mb-3">
              <h3 className="h5">
                {c.rank}. {c.name}{' '}
                <span className="badge bg-primary">{t('crises.targets.score', { score: c.score })}</span>
              </h3>
              <p className="mb-1">
                {c.atecoCode ? `ATECO ${c.atecoCode} · ` : ''}
                {t('crises.targets.explain', {
                  workers: c.workersWithinReach,
                  cohort: r.cohortSize,
                  positions: c.openPositions,
                  vacancies: c.openVacancies,
                  sector: c.sectorOpenPositions,
                })}
                {c.nearestKm !== null && ` · ${t('crises.targets.nearest', { km: c.nearestKm })}`}
              </p>
              <p className="mb-1">
                {t('crises.targets.parts', {
                  skills: pct(c.parts.skills),
                  positions: pct(c.parts.positions),
                  sector: pct(c.parts.sector),
                  reach: pct(c.parts.reach),
                })}
              </p>
              {c.matchedSkills.length > 0 ? (
                <p className="mb-0">
                  {t('crises.targets.skills')}{' '}
                  {c.matchedSkills.map((s) => `${s.label ?? s.skillId} (${s.workers})`).join(', ')}
                </p>
              ) : (
                <p className="mb-0">{t('crises.targets.sectorOnly')}</p>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** The anonymised profile for companies (territorial marketing), with the PDF. */
export function MarketingTab({ crisisId }: { crisisId: string }) {
  const { t } = useTranslation();
  const q = useMarketing(crisisId, true);
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorAlert error={q.error} />;
  const m = q.data;
  const groups = (title: string, rows: MarketingGroup[]) => <CountTable caption={title} rows={rows} />;
  return (
    <section aria-labelledby="marketing-title">
      <h2 id="marketing-title" className="h3">
        {t('crises.marketing.title')}
      </h2>
      <p>{t('crises.marketing.intro', { min: m.suppressedBelow })}</p>
      <p>
        <a className="btn btn-primary" href={marketingPdfUrl(crisisId)} download data-testid="marketing-pdf">
          {t('crises.marketing.pdf')}
        </a>
      </p>
      <dl className="row">
        <div className="col-12 col-md-4">
          <dt>{t('crises.fields.company')}</dt>
          <dd>{m.companyName}</dd>
        </div>
        <div className="col-12 col-md-4">
          <dt>{t('crises.fields.workersAffected')}</dt>
          <dd>{m.workersAffected}</dd>
        </div>
        <div className="col-12 col-md-4">
          <dt>{t('crises.marketing.cohortSize')}</dt>
          <dd data-testid="marketing-cohort">{m.cohortSize}</dd>
        </div>
      </dl>
      {m.cohortSize === '<5' && <EmptyState title={t('crises.marketing.tooSmall')} />}
      {groups(t('crises.marketing.skills'), m.skills)}
      {groups(t('crises.marketing.occupations'), m.occupationGroups)}
      {groups(t('crises.marketing.ages'), m.ageBands)}
      {groups(t('crises.marketing.education'), m.education)}
      {groups(t('crises.marketing.languages'), m.languages)}
      {groups(t('crises.marketing.licences'), m.drivingLicences)}
      {groups(t('crises.marketing.provinces'), m.provinces)}
      {groups(t('crises.marketing.sex'), m.sex)}
    </section>
  );
}

/** Outcome: share of active participants re-employed against the programme threshold, with the funding. */
export function OutcomeTab({ crisisId }: { crisisId: string }) {
  const { t, i18n } = useTranslation();
  // Figures hidden to protect small groups (viewers outside the owning organisation) show as "—".
  const money = (c: number | null) => (c === null ? '—' : formatCents(c, i18n.language));
  const q = useOutcome(crisisId, true);
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorAlert error={q.error} />;
  const o = q.data;
  return (
    <section aria-labelledby="outcome-title">
      <h2 id="outcome-title" className="h3">
        {t('crises.outcome.title')}
      </h2>
      <dl className="row" data-testid="crisis-outcome">
        <div className="col-6 col-md-3">
          <dt>{t('crises.outcome.cohort')}</dt>
          <dd>{o.cohortSize}</dd>
        </div>
        <div className="col-6 col-md-3">
          <dt>{t('crises.outcome.active')}</dt>
          <dd>{o.activeParticipants}</dd>
        </div>
        <div className="col-6 col-md-3">
          <dt>{t('crises.outcome.reEmployed')}</dt>
          <dd>{o.reEmployed}</dd>
        </div>
        <div className="col-6 col-md-3">
          <dt>{t('crises.outcome.rate')}</dt>
          <dd>{o.ratePct === null ? '—' : `${o.ratePct}%`}</dd>
        </div>
      </dl>
      <div
        className={`alert ${o.thresholdMet === null ? 'alert-info' : o.thresholdMet ? 'alert-success' : 'alert-warning'}`}
        data-testid="outcome-verdict"
      >
        {o.thresholdMet === null
          ? t('crises.outcome.verdictHidden')
          : o.thresholdMet
            ? t('crises.outcome.met', { threshold: o.thresholdPct, programme: o.programmeCode })
            : t('crises.outcome.notMet', {
                threshold: o.thresholdPct,
                programme: o.programmeCode,
                reduction: o.reductionPct,
              })}
      </div>
      <table className="table">
        <caption>{t('crises.outcome.funding')}</caption>
        <tbody>
          <tr>
            <th scope="row">{t('crises.outcome.resultLine')}</th>
            <td>
              {o.resultLine
                ? `${o.resultLine.code} – ${o.resultLine.name} (${money(o.resultLine.unitCostCents)})`
                : t('crises.outcome.noResultLine')}
            </td>
          </tr>
          <tr>
            <th scope="row">{t('crises.outcome.base')}</th>
            <td>{money(o.resultBaseCents)}</td>
          </tr>
          <tr>
            <th scope="row">{t('crises.outcome.reduction', { pct: o.thresholdMet ? 0 : o.reductionPct })}</th>
            <td>{money(o.reductionCents)}</td>
          </tr>
          <tr>
            <th scope="row">{t('crises.outcome.payable')}</th>
            <td>
              <strong>{money(o.resultPayableCents)}</strong>
            </td>
          </tr>
        </tbody>
      </table>
      {o.suppressed && (
        <p className="small" data-testid="outcome-suppressed">
          {t('crises.outcome.suppressed')}
        </p>
      )}
      <p className="small">{t('crises.outcome.definitions')}</p>
    </section>
  );
}
