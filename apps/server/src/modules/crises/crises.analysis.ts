/**
 * Pure computations over the cohort's facts: target-company ranking, the anonymised marketing
 * profile and the outcome against the programme threshold. No database, no HTTP: deterministic.
 */
import {
  CRISIS_ACTIVE_PATHWAY_STATES,
  CRISIS_MIN_GROUP,
  TARGET_WEIGHTS,
  type CrisisOutcome,
  type MarketingGroup,
  type SuppressedCount,
  type TargetCompany,
} from '@trama/contracts';
import { haversineKm } from '../matching';
import type { CandidateVacancy, CompanyPlace, MemberFacts } from './crises.repository';

// ---------------------------------------------------------------------------------------------
// Who is active, who is re-employed

export const isActiveParticipant = (m: Pick<MemberFacts, 'pathway_state' | 'sessions_present'>) =>
  m.sessions_present > 0 ||
  (m.pathway_state !== null && (CRISIS_ACTIVE_PATHWAY_STATES as readonly string[]).includes(m.pathway_state));

export const isReEmployed = (m: Pick<MemberFacts, 'pathway_state' | 'sessions_present'>) =>
  m.pathway_state === 'placed' && isActiveParticipant(m);

export const OUTCOME_DEFINITIONS = {
  active:
    'Cohort member present at at least one session of the crisis group actions, or whose pathway is pact_signed, in_delivery or placed',
  reEmployed: 'Active participant whose pathway is placed',
};

export interface OutcomeRules {
  code: string;
  thresholdPct: number;
  reductionPct: number;
  resultLine: { code: string; name: string; unitCostCents: number } | null;
}

/**
 * Rate = re-employed / active participants. The result-based share is re-employed x the unit cost of
 * the programme's on-result line; below the threshold it is reduced by `reductionPct` (rounded to the
 * cent, in favour of the funder).
 */
export function computeOutcome(
  members: Pick<MemberFacts, 'pathway_state' | 'sessions_present'>[],
  rules: OutcomeRules,
): CrisisOutcome {
  const active = members.filter(isActiveParticipant).length;
  const reEmployed = members.filter(isReEmployed).length;
  const ratePct = active === 0 ? null : Math.round((reEmployed * 1000) / active) / 10;
  // Compare exactly (integers), not the rounded percentage.
  const thresholdMet = active > 0 && reEmployed * 100 >= rules.thresholdPct * active;
  const base = rules.resultLine ? reEmployed * rules.resultLine.unitCostCents : 0;
  const reduction = thresholdMet ? 0 : Math.ceil((base * rules.reductionPct) / 100);
  return {
    cohortSize: members.length,
    activeParticipants: active,
    reEmployed,
    ratePct,
    thresholdPct: rules.thresholdPct,
    reductionPct: rules.reductionPct,
    thresholdMet,
    resultLine: rules.resultLine,
    resultBaseCents: base,
    reductionCents: reduction,
    resultPayableCents: base - reduction,
    programmeCode: rules.code,
    definitions: OUTCOME_DEFINITIONS,
    suppressed: false,
  };
}

/**
 * The outcome for viewers outside the owning organisation (the company, other organisations'
 * coordinators): counts under CRISIS_MIN_GROUP as "<5", the rate and the verdict only with at least
 * CRISIS_MIN_GROUP active participants, the amounts (re-employed x unit cost) only with at least
 * CRISIS_MIN_GROUP re-employed.
 */
export function suppressOutcome(o: CrisisOutcome): CrisisOutcome {
  const n = (x: SuppressedCount) => (x === '<5' ? 0 : x);
  const active = n(o.activeParticipants);
  const reEmployed = n(o.reEmployed);
  const fewActive = active < CRISIS_MIN_GROUP;
  const fewReEmployed = reEmployed < CRISIS_MIN_GROUP;
  return {
    ...o,
    cohortSize: suppress(n(o.cohortSize)),
    activeParticipants: suppress(active),
    reEmployed: suppress(reEmployed),
    ratePct: fewActive ? null : o.ratePct,
    thresholdMet: fewActive ? null : o.thresholdMet,
    resultBaseCents: fewReEmployed ? null : o.resultBaseCents,
    reductionCents: fewReEmployed ? null : o.reductionCents,
    resultPayableCents: fewReEmployed ? null : o.resultPayableCents,
    suppressed: n(o.cohortSize) < CRISIS_MIN_GROUP || fewActive || fewReEmployed,
  };
}

// ---------------------------------------------------------------------------------------------
// Target companies

const round3 = (x: number) => Math.round(x * 1000) / 1000;

const withinReach = (
  m: Pick<MemberFacts, 'lat' | 'lon' | 'radius_km'>,
  place: { lat: number | null; lon: number | null; remote?: boolean },
) => {
  if (place.remote) return { ok: true, km: null as number | null };
  if (m.lat === null || m.lon === null || place.lat === null || place.lon === null)
    return { ok: false, km: null };
  const km = haversineKm(m.lat, m.lon, place.lat, place.lon);
  return { ok: km <= m.radius_km, km };
};

export interface RankInput {
  members: Pick<MemberFacts, 'person_id' | 'lat' | 'lon' | 'radius_km' | 'skills'>[];
  vacancies: CandidateVacancy[];
  companies: CompanyPlace[];
  sectorDemand: Map<string, number>;
  skillLabels: Map<number, string | null>;
}

/**
 * Ranks companies by how well their open vacancies and their sector demand the cohort's skills, within
 * reach of the workers (each worker's mobility radius around their municipality). Score 0-100 =
 * 100 x (w.skills x skills + w.positions x positions + w.sector x sector + w.reach x reach):
 * - skills: share of the distinct skills their reachable vacancies demand that someone in the cohort has;
 * - positions: open positions of those vacancies / cohort size (at most 1);
 * - sector: open positions in the region of their ATECO division demanding cohort skills / cohort size
 *   (at most 1);
 * - reach: cohort members within reach of one of their reachable vacancies (or, without vacancies, of
 *   their seat or a site) / cohort size.
 * Ties: score, open positions, workers within reach (all descending), then name and id.
 */
export function rankTargetCompanies(input: RankInput): TargetCompany[] {
  const n = input.members.length;
  if (n === 0) return [];
  const cohortSkillWorkers = new Map<number, number>();
  for (const m of input.members)
    for (const s of new Set(m.skills)) cohortSkillWorkers.set(s, (cohortSkillWorkers.get(s) ?? 0) + 1);

  const byCompany = new Map<
    string,
    {
      demanded: Set<number>;
      reach: Set<string>;
      positions: number;
      vacancies: number;
      nearest: number | null;
    }
  >();
  for (const v of input.vacancies) {
    const reach = new Set<string>();
    let nearest: number | null = null;
    for (const m of input.members) {
      const r = withinReach(m, v);
      if (r.ok) {
        reach.add(m.person_id);
        if (r.km !== null) nearest = nearest === null ? r.km : Math.min(nearest, r.km);
      }
    }
    if (reach.size === 0) continue; // out of everyone's reach: not a target for this cohort
    const c = byCompany.get(v.organization_id) ?? {
      demanded: new Set<number>(),
      reach: new Set<string>(),
      positions: 0,
      vacancies: 0,
      nearest: null,
    };
    for (const s of v.skills ?? []) c.demanded.add(s);
    for (const p of reach) c.reach.add(p);
    c.positions += v.openings;
    c.vacancies += 1;
    if (nearest !== null) c.nearest = c.nearest === null ? nearest : Math.min(c.nearest, nearest);
    byCompany.set(v.organization_id, c);
  }

  const out: Omit<TargetCompany, 'rank'>[] = [];
  for (const co of input.companies) {
    const division = co.ateco ? co.ateco.slice(0, 2) : null;
    const sectorPositions = division ? (input.sectorDemand.get(division) ?? 0) : 0;
    const own = byCompany.get(co.id);
    let reach: Set<string>;
    let nearest: number | null;
    if (own) {
      reach = own.reach;
      nearest = own.nearest;
    } else {
      if (sectorPositions === 0) continue;
      reach = new Set<string>();
      nearest = null;
      for (const m of input.members)
        for (const place of co.places) {
          const r = withinReach(m, place);
          if (r.km !== null) nearest = nearest === null ? r.km : Math.min(nearest, r.km);
          if (r.ok) reach.add(m.person_id);
        }
      if (reach.size === 0) continue;
    }
    const demanded = own ? [...own.demanded] : [];
    const matched = demanded.filter((s) => cohortSkillWorkers.has(s)).sort((a, b) => a - b);
    const parts = {
      skills: round3(demanded.length ? matched.length / demanded.length : 0),
      positions: round3(Math.min(1, (own?.positions ?? 0) / n)),
      sector: round3(Math.min(1, sectorPositions / n)),
      reach: round3(reach.size / n),
    };
    const score =
      Math.round(
        1000 *
          (TARGET_WEIGHTS.skills * parts.skills +
            TARGET_WEIGHTS.positions * parts.positions +
            TARGET_WEIGHTS.sector * parts.sector +
            TARGET_WEIGHTS.reach * parts.reach),
      ) / 10;
    out.push({
      organizationId: co.id,
      name: co.name,
      atecoCode: co.ateco,
      atecoDivision: division,
      score,
      parts,
      matchedSkills: matched
        .map((s) => ({
          skillId: s,
          label: input.skillLabels.get(s) ?? null,
          workers: cohortSkillWorkers.get(s)!,
        }))
        .sort((a, b) => b.workers - a.workers || a.skillId - b.skillId),
      workersWithinReach: reach.size,
      openPositions: own?.positions ?? 0,
      openVacancies: own?.vacancies ?? 0,
      sectorOpenPositions: sectorPositions,
      nearestKm: nearest === null ? null : Math.round(nearest * 10) / 10,
    });
  }
  const sortName = new Map(input.companies.map((c) => [c.id, c.sort_name]));
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  out.sort(
    (a, b) =>
      b.score - a.score ||
      b.openPositions - a.openPositions ||
      b.workersWithinReach - a.workersWithinReach ||
      cmp(sortName.get(a.organizationId) ?? '', sortName.get(b.organizationId) ?? '') ||
      cmp(a.organizationId, b.organizationId),
  );
  return out.map((c, i) => ({ rank: i + 1, ...c }));
}

// ---------------------------------------------------------------------------------------------
// Anonymised marketing profile

export const suppress = (n: number): SuppressedCount => (n < CRISIS_MIN_GROUP ? '<5' : n);

/**
 * Groups with their counts suppressed below CRISIS_MIN_GROUP. For a dimension that partitions the
 * cohort (each member in exactly one group), a single suppressed group could be recovered by
 * subtraction from the total: then the next smallest group is suppressed too (secondary suppression).
 * Suppressed groups are listed after the others, by label, so the order reveals nothing either.
 */
export function suppressedGroups(
  groups: { key: string; label: string; n: number }[],
  partition: boolean,
): MarketingGroup[] {
  const present = groups.filter((g) => g.n > 0);
  const hidden = new Set(present.filter((g) => g.n < CRISIS_MIN_GROUP).map((g) => g.key));
  if (partition && hidden.size === 1) {
    const next = present
      .filter((g) => !hidden.has(g.key))
      .sort((a, b) => a.n - b.n || a.key.localeCompare(b.key))[0];
    if (next) hidden.add(next.key);
  }
  const shown = present
    .filter((g) => !hidden.has(g.key))
    .sort((a, b) => b.n - a.n || a.label.localeCompare(b.label));
  const masked = present.filter((g) => hidden.has(g.key)).sort((a, b) => a.label.localeCompare(b.label));
  return [
    ...shown.map((g) => ({ key: g.key, label: g.label, count: g.n as SuppressedCount })),
    ...masked.map((g) => ({ key: g.key, label: g.label, count: '<5' as const })),
  ];
}

export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

export const AGE_BANDS = [
  { key: 'under_30', label: 'Meno di 30 anni', max: 29 },
  { key: '30_39', label: '30-39 anni', max: 39 },
  { key: '40_49', label: '40-49 anni', max: 49 },
  { key: '50_plus', label: '50 anni e oltre', max: 200 },
] as const;

export const EDUCATION_GROUPS = [
  { key: 'basic', label: 'Licenza media o inferiore (EQF 1-2)', levels: [1, 2] },
  { key: 'upper_secondary', label: 'Qualifica o diploma (EQF 3-4)', levels: [3, 4] },
  { key: 'post_secondary', label: 'Istruzione tecnica superiore (EQF 5)', levels: [5] },
  { key: 'tertiary', label: 'Laurea o superiore (EQF 6-8)', levels: [6, 7, 8] },
] as const;

export function countBy<T>(items: T[], keyOf: (t: T) => string | string[] | null) {
  const m = new Map<string, number>();
  for (const it of items) {
    const k = keyOf(it);
    const keys = k === null ? [] : Array.isArray(k) ? [...new Set(k)] : [k];
    for (const key of keys) m.set(key, (m.get(key) ?? 0) + 1);
  }
  return m;
}
