import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../i18n/format';
import type { CandidateMatch } from './vacancies.queries';

type Explanation = Pick<
  CandidateMatch,
  | 'score'
  | 'parts'
  | 'matchedEssentialSkills'
  | 'missingEssentialSkills'
  | 'matchedOptionalSkills'
  | 'distanceKm'
  | 'occupationCloseness'
>;

const PARTS = ['essentialSkills', 'optionalSkills', 'occupation', 'distance', 'priorityBoost'] as const;
const MAX: Record<(typeof PARTS)[number], number> = {
  essentialSkills: 0.5,
  optionalSkills: 0.15,
  occupation: 0.2,
  distance: 0.1,
  priorityBoost: 0.05,
};

const pct = (x: number, lang: string) => `${formatNumber(Math.round(x * 100), lang)}%`;

/** The score as a percentage with a bar (the number is always written: colour is never the only cue). */
export function ScoreBadge({ score }: { score: number }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="trama-score" data-testid="match-score">
      <span className="fw-semibold">{t('matching.score', { score: pct(score, i18n.language) })}</span>
      <div className="progress mt-1" style={{ height: 6 }} aria-hidden="true">
        <div className="progress-bar" style={{ width: `${Math.min(100, score * 100)}%` }} />
      </div>
    </div>
  );
}

function SkillLine({
  label,
  items,
  testId,
}: {
  label: string;
  items: { id: number; label: string }[];
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="mb-2" data-testid={testId}>
      <span className="fw-semibold">{label}</span>{' '}
      {items.length === 0 ? (
        <span className="text-muted">{t('matching.none')}</span>
      ) : (
        <span>{items.map((s) => s.label).join(', ')}</span>
      )}
    </div>
  );
}

/** Why this match: the parts of the score, the skills held and missing, the distance. */
export function MatchExplanation({ m, extra }: { m: Explanation; extra?: ReactNode }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <div className="trama-match-explanation">
      <p className="mb-2" data-testid="match-distance">
        {m.distanceKm === null
          ? t('matching.remote')
          : t('matching.distance', { km: formatNumber(m.distanceKm, lang) })}
        {' · '}
        {t(`matching.closeness.${m.occupationCloseness}`)}
        {extra}
      </p>
      <SkillLine
        label={t('matching.matchedEssential')}
        items={m.matchedEssentialSkills}
        testId="matched-skills"
      />
      <SkillLine
        label={t('matching.missingEssential')}
        items={m.missingEssentialSkills}
        testId="missing-skills"
      />
      <SkillLine
        label={t('matching.matchedOptional')}
        items={m.matchedOptionalSkills}
        testId="optional-skills"
      />
      <details>
        <summary>{t('matching.partsTitle')}</summary>
        <dl className="row mb-0 mt-2 small" data-testid="score-parts">
          {PARTS.map((p) => (
            <div className="col-12 col-md-6 d-flex gap-2" key={p}>
              <dt className="fw-normal">{t(`matching.parts.${p}`)}</dt>
              <dd className="mb-1">
                {t('matching.partValue', {
                  value: formatNumber(Math.round(m.parts[p] * 1000) / 10, lang),
                  max: formatNumber(MAX[p] * 100, lang),
                })}
              </dd>
            </div>
          ))}
        </dl>
      </details>
    </div>
  );
}
