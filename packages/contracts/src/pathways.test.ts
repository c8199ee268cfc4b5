import { describe, expect, it } from 'vitest';
import {
  PATHWAY_ACTIONS,
  PATHWAY_STATES,
  PATHWAY_TERMINAL_STATES,
  PATHWAY_TRANSITIONS,
  canPathwayTransition,
  pathwayActionsFrom,
} from './pathways';
import { scoreProfile, type ProfileInputs, type ProfilingRules } from './programmes';
import { amountCents } from './vouchers';

describe('pathway state machine', () => {
  it('reaches every state from taking in charge, and terminal states have no way out', () => {
    const seen = new Set<string>(['taken_in_charge']);
    const queue = ['taken_in_charge'];
    while (queue.length) {
      const s = queue.shift()! as (typeof PATHWAY_STATES)[number];
      for (const a of pathwayActionsFrom(s)) {
        const to = PATHWAY_TRANSITIONS[a].to;
        if (!seen.has(to)) {
          seen.add(to);
          queue.push(to);
        }
      }
    }
    expect([...seen].sort()).toEqual([...PATHWAY_STATES].sort());
    for (const s of PATHWAY_TERMINAL_STATES) expect(pathwayActionsFrom(s)).toEqual([]);
  });

  it('follows the issue: in delivery <-> suspended; placed only after the pact', () => {
    expect(canPathwayTransition('in_delivery', 'suspend')).toBe(true);
    expect(canPathwayTransition('suspended', 'resume')).toBe(true);
    expect(canPathwayTransition('taken_in_charge', 'place')).toBe(false);
    expect(canPathwayTransition('assessed', 'place')).toBe(false);
    expect(pathwayActionsFrom('in_delivery', 'manual')).toEqual([
      'suspend',
      'close_without_outcome',
      'withdraw',
      'forfeit',
    ]);
    expect(PATHWAY_ACTIONS).toHaveLength(9);
  });
});

describe('profiling score', () => {
  const rules: ProfilingRules = {
    factors: [
      {
        kind: 'range',
        key: 'age',
        label: 'Età',
        input: 'age',
        bands: [
          { max: 29, points: 5 },
          { min: 50, points: 10 },
        ],
        missingPoints: 3,
      },
      {
        kind: 'value',
        key: 'sex',
        label: 'Genere',
        input: 'sex',
        values: [{ value: 'F', points: 2 }],
        missingPoints: 0,
      },
      {
        kind: 'flags',
        key: 'prio',
        label: 'Target',
        input: 'priorityTargets',
        points: { migrant: 8, disability_l68: 9 },
        cap: 12,
      },
    ],
    pathThresholds: [
      { minScore: 0, path: 1 },
      { minScore: 10, path: 2 },
      { minScore: 20, path: 3 },
    ],
    bandThresholds: [
      { minScore: 0, band: 1 },
      { minScore: 15, band: 2 },
    ],
    flagPaths: [{ flag: 'social_services', path: 4 }],
  };
  const base: ProfileInputs = {
    age: 55,
    monthsUnemployed: null,
    educationLevel: null,
    monthsSinceLastJob: null,
    workHistoryCount: 0,
    sex: 'F',
    employmentStatus: 'unemployed',
    hasWorkHistory: false,
    citizenshipItalian: true,
    priorityTargets: ['migrant', 'disability_l68'],
  };
  it('adds the points of each factor, caps flags and maps thresholds to path and band', () => {
    const r = scoreProfile(rules, base);
    expect(r.factors.map((f) => f.points)).toEqual([10, 2, 12]);
    expect(r).toMatchObject({ score: 24, proposedPath: 3, proposedBand: 2 });
    expect(scoreProfile(rules, { ...base, age: null, sex: 'M', priorityTargets: [] })).toMatchObject({
      score: 3,
      proposedPath: 1,
      proposedBand: 1,
    });
    expect(scoreProfile(rules, { ...base, priorityTargets: ['social_services'] }).proposedPath).toBe(4);
  });
});

describe('money', () => {
  it('computes amounts in integer cents, rounding half up', () => {
    expect(amountCents(2.5, 3_550)).toBe(8_875);
    expect(amountCents(0.33, 1_001)).toBe(330);
    expect(amountCents(1.5, 333)).toBe(500);
    expect(amountCents(0.1, 3)).toBe(0);
  });
});
