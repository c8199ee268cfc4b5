import type { SkillItem } from '@trama/contracts';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { api, type FieldError } from '../api/client';
import { Combobox, type ComboboxOption } from './combobox';

export interface PickedSkill {
  id: number;
  label: string;
}

type Skill = z.infer<typeof SkillItem>;
type SearchLang = 'it' | 'en';

export async function searchSkills(lang: SearchLang, q: string, signal: AbortSignal) {
  const r = await api.get<{ items: Skill[] }>('/reference/skills', { q, limit: 20, lang }, signal);
  return r.items;
}

/**
 * ESCO skill type-ahead: searches the skill labels in Italian or English (a switch next to the field;
 * by default the interface language) and hands the chosen skill to `onPick`, then clears itself so that
 * several skills can be added in a row. Skills in `exclude` are not offered again.
 */
export function SkillPicker({
  id,
  label,
  hint,
  error,
  exclude = [],
  onPick,
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: FieldError;
  exclude?: readonly number[];
  onPick: (skill: PickedSkill) => void;
}) {
  const { t, i18n } = useTranslation();
  const [lang, setLang] = useState<SearchLang>(i18n.language === 'en' ? 'en' : 'it');
  const [value, setValue] = useState<ComboboxOption | null>(null);
  const excluded = new Set(exclude);
  const search = async (q: string, signal: AbortSignal): Promise<ComboboxOption[]> =>
    (await searchSkills(lang, q, signal))
      .filter((s) => !excluded.has(s.id))
      .map((s) => ({
        value: String(s.id),
        label: s.label,
        description:
          lang === 'it' ? (s.labelEn !== s.label ? s.labelEn : undefined) : (s.labelIt ?? undefined),
      }));
  return (
    <div className="trama-skill-picker">
      <Combobox
        id={id}
        label={label}
        hint={hint}
        error={error}
        value={value}
        onChange={(o) => {
          setValue(null);
          if (o) onPick({ id: Number(o.value), label: o.label });
        }}
        queryKey={['reference', 'skills', lang, [...excluded].sort().join(',')]}
        search={search}
      />
      <div className="trama-skill-picker-lang mb-3" role="group" aria-label={t('skillPicker.searchIn')}>
        <span className="me-2 small">{t('skillPicker.searchIn')}</span>
        {(['it', 'en'] as const).map((l) => (
          <button
            key={l}
            type="button"
            className={`btn btn-xs py-0 px-2 me-1 ${l === lang ? 'btn-primary' : 'btn-outline-primary'}`}
            aria-pressed={l === lang}
            onClick={() => setLang(l)}
          >
            {t(`skillPicker.lang.${l}`)}
          </button>
        ))}
      </div>
    </div>
  );
}
