import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../i18n/format';

/** Classes of the shortage index (demand per available person): below 0.5 ... 4 and more. */
export const SHORTAGE_BREAKS = [0.5, 1, 2, 4] as const;
// A sequential palette (ColorBrewer OrRd), each class darker; the legend gives the ranges in words too.
export const SHORTAGE_COLOURS = ['#fef0d9', '#fdcc8a', '#fc8d59', '#e34a33', '#b30000'] as const;
export const shortageClass = (x: number) => SHORTAGE_BREAKS.filter((b) => x >= b).length;

/** The colour legend, in words as well as colours. */
export function ShortageLegend() {
  const { t, i18n } = useTranslation();
  const n = (x: number) => formatNumber(x, i18n.language);
  const ranges = [
    t('analytics.legendBelow', { to: n(SHORTAGE_BREAKS[0]) }),
    ...SHORTAGE_BREAKS.slice(0, -1).map((b, i) =>
      t('analytics.legendBetween', { from: n(b), to: n(SHORTAGE_BREAKS[i + 1]!) }),
    ),
    t('analytics.legendAbove', { from: n(SHORTAGE_BREAKS[SHORTAGE_BREAKS.length - 1]!) }),
  ];
  return (
    <div data-testid="skills-gap-legend">
      <p className="h6 mb-2" id="skills-gap-legend-title">
        {t('analytics.legendTitle')}
      </p>
      <ul className="list-unstyled mb-2" aria-labelledby="skills-gap-legend-title">
        {ranges.map((r, i) => (
          <li key={r} className="d-flex align-items-center gap-2 mb-1">
            <span
              aria-hidden="true"
              style={{
                display: 'inline-block',
                width: 24,
                height: 16,
                background: SHORTAGE_COLOURS[i],
                border: '1px solid #4d4d4d',
              }}
            />
            <span>{r}</span>
          </li>
        ))}
        <li className="d-flex align-items-center gap-2 mb-1">
          <span
            aria-hidden="true"
            style={{
              display: 'inline-block',
              width: 24,
              height: 16,
              background: '#f2f2f2',
              border: '1px solid #4d4d4d',
            }}
          />
          <span>{t('analytics.legendNoData')}</span>
        </li>
      </ul>
    </div>
  );
}
