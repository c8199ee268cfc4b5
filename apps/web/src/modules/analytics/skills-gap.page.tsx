import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { SelectField } from '../../components/fields';
import { EmptyState, ErrorAlert, Loading } from '../../components/feedback';
import { PageHeading } from '../../components/page-heading';
import { formatDateTime, formatNumber } from '../../i18n/format';
import { ShortageLegend } from './skills-gap-legend';
import {
  useProvinceGeo,
  useSectors,
  useSkillsGap,
  type SkillsGap,
  type SkillsGapCell,
} from './skills-gap.queries';

// ECharts and Leaflet are chunks of their own, fetched in parallel when the page has figures to draw.
const SkillsGapChart = lazy(() => import('./skills-gap-chart'));
const SkillsGapMap = lazy(() => import('./skills-gap-map'));

const REGION = '03';
const LEVELS = ['isco1', 'isco2', 'isco3', 'isco4', 'skill'] as const;

type Measures = Pick<SkillsGapCell, 'supply' | 'demand' | 'shortageIndex' | 'shortageIsLowerBound'>;

function useFigures() {
  const { t, i18n } = useTranslation();
  const n = (x: number) => formatNumber(x, i18n.language);
  return {
    supply: (m: Measures) => (m.supply === null ? t('analytics.suppressed') : n(m.supply)),
    demand: (m: Measures) => n(m.demand),
    index: (m: Measures) => `${m.shortageIsLowerBound ? '≥ ' : ''}${n(m.shortageIndex)}`,
  };
}

function CellTable({ id, caption, cells }: { id: string; caption: string; cells: SkillsGapCell[] }) {
  const { t } = useTranslation();
  const f = useFigures();
  return (
    <div className="table-responsive">
      <table className="table table-sm" data-testid={id}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('analytics.province')}</th>
            <th scope="col">{t('analytics.group')}</th>
            <th scope="col" className="text-end">
              {t('analytics.supply')}
            </th>
            <th scope="col" className="text-end">
              {t('analytics.demand')}
            </th>
            <th scope="col" className="text-end">
              {t('analytics.shortageIndex')}
            </th>
          </tr>
        </thead>
        <tbody>
          {cells.map((c) => (
            <tr key={`${c.provinceCode}-${c.groupKey}`}>
              <td>{c.provinceName}</td>
              <th scope="row" className="fw-normal">
                {c.groupLabel ?? c.groupKey} <span className="text-muted">({c.groupKey})</span>
              </th>
              <td className="text-end">{f.supply(c)}</td>
              <td className="text-end">{f.demand(c)}</td>
              <td className="text-end">{f.index(c)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ProvinceTable({ provinces }: { provinces: SkillsGap['provinces'] }) {
  const { t } = useTranslation();
  const f = useFigures();
  return (
    <div className="table-responsive">
      <table className="table table-sm" data-testid="skills-gap-provinces">
        <caption>{t('analytics.provincesCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('analytics.province')}</th>
            <th scope="col" className="text-end">
              {t('analytics.supply')}
            </th>
            <th scope="col" className="text-end">
              {t('analytics.demand')}
            </th>
            <th scope="col" className="text-end">
              {t('analytics.shortageIndex')}
            </th>
          </tr>
        </thead>
        <tbody>
          {provinces.map((p) => (
            <tr key={p.provinceCode}>
              <th scope="row" className="fw-normal">
                {p.provinceName} ({p.provinceAbbreviation})
              </th>
              <td className="text-end">{f.supply(p)}</td>
              <td className="text-end">{f.demand(p)}</td>
              <td className="text-end">{f.index(p)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Skills gap by province and ISCO group or ESCO skill (coordinators, job centres): a bar chart of the top
 * shortages, a choropleth of the provinces, and tables with every figure (the accessible alternative).
 */
export default function SkillsGapPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const levelParam = params.get('level') ?? 'isco2';
  const level = (LEVELS as readonly string[]).includes(levelParam) ? levelParam : 'isco2';
  const province = params.get('province') ?? '';
  const section = params.get('section') ?? '';
  const division = params.get('division') ?? '';
  const gap = useSkillsGap({
    groupBy: level === 'skill' ? 'skill' : 'isco',
    iscoLevel: level === 'skill' ? 2 : Number(level.slice(4)),
    province: province || undefined,
    sector: division || section || undefined,
  });
  const sectors = useSectors(i18n.language);
  const geo = useProvinceGeo(REGION);
  const set = (changes: Record<string, string>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        return next;
      },
      { replace: true },
    );
  const data = gap.data;
  const divisions = sectors.data?.items.find((s) => s.code === section)?.divisions ?? [];

  return (
    <>
      <PageHeading title={t('analytics.pageTitle')}>{t('analytics.pageTitle')}</PageHeading>
      <p>{t('analytics.pageIntro')}</p>
      <form
        role="search"
        aria-label={t('analytics.filters')}
        className="row"
        onSubmit={(e) => e.preventDefault()}
      >
        <div className="col-12 col-md-6 col-lg-3">
          <SelectField
            id="gap-level"
            label={t('analytics.level')}
            value={level}
            onChange={(v) => set({ level: v === 'isco2' ? '' : v })}
            options={LEVELS.map((l) => ({ value: l, label: t(`analytics.levels.${l}`) }))}
          />
        </div>
        <div className="col-12 col-md-6 col-lg-3">
          <SelectField
            id="gap-province"
            label={t('analytics.province')}
            value={province}
            onChange={(v) => set({ province: v })}
            placeholder={t('analytics.allProvinces')}
            options={(data?.provinces ?? []).map((p) => ({
              value: p.provinceAbbreviation,
              label: p.provinceName,
            }))}
          />
        </div>
        <div className="col-12 col-md-6 col-lg-3">
          <SelectField
            id="gap-section"
            label={t('analytics.section')}
            value={section}
            onChange={(v) => set({ section: v, division: '' })}
            placeholder={t('analytics.allSectors')}
            options={(sectors.data?.items ?? []).map((s) => ({
              value: s.code,
              label: `${s.code} · ${s.label}`,
            }))}
          />
        </div>
        <div className="col-12 col-md-6 col-lg-3">
          <SelectField
            id="gap-division"
            label={t('analytics.division')}
            value={division}
            onChange={(v) => set({ division: v })}
            placeholder={section ? t('analytics.wholeSection') : t('analytics.chooseSectionFirst')}
            disabled={!section}
            options={divisions.map((d) => ({ value: d.code, label: `${d.code} · ${d.label}` }))}
          />
        </div>
      </form>

      {gap.isPending && <Loading />}
      <ErrorAlert error={gap.error ?? sectors.error} />
      {data && (
        <>
          <p className="small" data-testid="skills-gap-freshness" aria-live="polite">
            {t('analytics.freshness', { when: formatDateTime(data.refreshedAt, i18n.language) })}{' '}
            {data.pendingChanges && t('analytics.pendingChanges')}
          </p>
          <p className="small text-muted">
            {t('analytics.method', { min: formatNumber(data.suppressedBelow, i18n.language) })}
          </p>

          <section aria-labelledby="gap-shortages" className="mt-4">
            <h2 id="gap-shortages" className="h4">
              {t('analytics.topShortages')}
            </h2>
            {data.cells.length === 0 ? (
              <EmptyState title={t('analytics.empty')}>
                <p className="mb-0">{t('analytics.emptyHint')}</p>
              </EmptyState>
            ) : (
              <>
                <figure className="mb-3">
                  <Suspense fallback={<Loading />}>
                    <SkillsGapChart cells={data.cells} />
                  </Suspense>
                  <figcaption className="small">
                    {t('analytics.chartCaption', { shown: Math.min(15, data.cells.length) })}
                  </figcaption>
                </figure>
                <CellTable
                  id="skills-gap-table"
                  caption={t('analytics.shortagesCaption', {
                    shown: data.cells.length,
                    total: data.totalCells,
                  })}
                  cells={data.cells}
                />
              </>
            )}
          </section>

          {data.surpluses.length > 0 && (
            <section aria-labelledby="gap-surpluses" className="mt-4">
              <h2 id="gap-surpluses" className="h4">
                {t('analytics.topSurpluses')}
              </h2>
              <CellTable
                id="skills-gap-surpluses"
                caption={t('analytics.surplusesCaption')}
                cells={data.surpluses.slice(0, 15)}
              />
            </section>
          )}

          <section aria-labelledby="gap-map" className="mt-4">
            <h2 id="gap-map" className="h4">
              {t('analytics.mapTitle')}
            </h2>
            <p className="small">{t('analytics.mapIntro')}</p>
            <div className="row">
              <div className="col-12 col-lg-8">
                {geo.isPending && <Loading />}
                <ErrorAlert error={geo.error} />
                {geo.data && (
                  <figure>
                    <Suspense fallback={<Loading />}>
                      <SkillsGapMap geo={geo.data} provinces={data.provinces} />
                    </Suspense>
                    <figcaption className="small text-muted">{geo.data.attribution}</figcaption>
                  </figure>
                )}
              </div>
              <div className="col-12 col-lg-4">
                <ShortageLegend />
              </div>
            </div>
            <ProvinceTable provinces={data.provinces} />
          </section>
        </>
      )}
    </>
  );
}
