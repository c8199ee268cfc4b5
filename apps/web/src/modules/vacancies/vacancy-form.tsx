import {
  CEFR_LEVELS,
  CONTRACT_TYPES,
  LIMITS,
  VacancyInput,
  VacancyPatch,
  WORK_MODES,
} from '@trama/contracts';
import { Button } from 'design-react-kit';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Combobox, type ComboboxOption } from '../../components/combobox';
import {
  CheckboxField,
  FieldHelp,
  Fieldset,
  SelectField,
  TextAreaField,
  TextField,
} from '../../components/fields';
import { FormErrors, removeAt, submitValidated, updateAt } from '../../components/form-errors';
import { SkillPicker, type PickedSkill } from '../../components/skill-picker';
import { validate, type FieldErrors } from '../../components/validate';
import { municipalityOption, searchMunicipalities } from '../reference/reference.queries';
import {
  fetchOccupation,
  occupationOption,
  searchOccupations,
  searchProfessions,
  type Vacancy,
  type VacancyInputData,
  type VacancyPatchData,
} from './vacancies.queries';

/** Languages offered in the form (ISO 639-1); names come from the browser (Intl.DisplayNames). */
const LANGUAGES = ['it', 'en', 'fr', 'de', 'es', 'pt', 'ro', 'ar', 'zh', 'ru', 'uk', 'sq'] as const;
const CEFR = CEFR_LEVELS.filter((l) => l !== 'native');

interface LanguageRow {
  language: string;
  minLevel: string;
  mandatory: boolean;
}

interface FormState {
  title: string;
  description: string;
  occupation: ComboboxOption | null;
  profession: ComboboxOption | null;
  municipality: ComboboxOption | null;
  workMode: string;
  contractType: string;
  durationMonths: string;
  hoursPerWeek: string;
  educationLevel: string;
  educationMandatory: boolean;
  languages: LanguageRow[];
  openings: string;
  startDate: string;
  closingDate: string;
  countsTowardsPledge: boolean;
  essential: PickedSkill[];
  optional: PickedSkill[];
}

function initialState(v?: Vacancy): FormState {
  return {
    title: v?.title ?? '',
    description: v?.description ?? '',
    occupation: v
      ? occupationOption({ id: v.occupationId, label: v.occupationLabel ?? String(v.occupationId) })
      : null,
    profession: v?.professionCode ? { value: v.professionCode, label: v.professionCode } : null,
    municipality: v ? municipalityOption({ code: v.municipalityCode, name: v.municipalityName }) : null,
    workMode: v?.workMode ?? 'onsite',
    contractType: v?.contractType ?? '',
    durationMonths: v?.durationMonths ? String(v.durationMonths) : '',
    hoursPerWeek: v?.hoursPerWeek ? String(v.hoursPerWeek) : '',
    educationLevel: v?.educationLevel ? String(v.educationLevel) : '',
    educationMandatory: v?.educationMandatory ?? false,
    languages: (v?.languages ?? []).map((l) => ({ ...l })),
    openings: String(v?.openings ?? 1),
    startDate: v?.startDate ?? '',
    closingDate: v?.closingDate ?? '',
    countsTowardsPledge: v?.countsTowardsPledge ?? false,
    essential: v?.essentialSkills ?? [],
    optional: v?.optionalSkills ?? [],
  };
}

/** "" -> null; "12" -> 12; "abc" -> NaN (the contract reports it). */
const num = (s: string) => (s.trim() === '' ? null : Number(s.trim()));

function toFields(s: FormState) {
  return {
    title: s.title,
    description: s.description.trim() === '' ? null : s.description,
    professionCode: s.profession?.value ?? null,
    municipalityCode: s.municipality?.value ?? '',
    workMode: s.workMode,
    contractType: s.contractType,
    durationMonths: num(s.durationMonths),
    hoursPerWeek: num(s.hoursPerWeek),
    educationLevel: num(s.educationLevel),
    educationMandatory: s.educationMandatory,
    languages: s.languages,
    openings: num(s.openings) ?? undefined,
    startDate: s.startDate || null,
    closingDate: s.closingDate || null,
    countsTowardsPledge: s.countsTowardsPledge,
    essentialSkillIds: s.essential.map((k) => k.id),
    optionalSkillIds: s.optional.map((k) => k.id),
  };
}

export type VacancyFormProps =
  | {
      mode: 'create';
      onSubmit: (input: VacancyInputData) => Promise<unknown>;
      pending: boolean;
      error: unknown;
      cancelTo: string;
    }
  | {
      mode: 'edit';
      vacancy: Vacancy;
      onSubmit: (input: VacancyPatchData) => Promise<unknown>;
      pending: boolean;
      error: unknown;
      cancelTo: string;
    };

/**
 * Create and edit form of a vacancy. Choosing the ESCO occupation pre-fills the essential and optional
 * skills from the occupation's ESCO relations; the list stays editable (remove, move between essential
 * and optional, add with the skill picker).
 */
export function VacancyForm(props: VacancyFormProps) {
  const { t, i18n } = useTranslation();
  const vacancy = props.mode === 'edit' ? props.vacancy : undefined;
  const [s, setS] = useState<FormState>(() => initialState(vacancy));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [prefill, setPrefill] = useState<string>('');
  const [loadingSkills, setLoadingSkills] = useState(false);
  const status = useRef<'draft' | 'open'>('open');
  const set = <K extends keyof FormState>(k: K, v: FormState[K]) => setS((p) => ({ ...p, [k]: v }));
  const languageName = new Intl.DisplayNames([i18n.language === 'en' ? 'en' : 'it'], { type: 'language' });

  const labels: Record<string, string> = {
    title: t('vacancies.fields.title'),
    description: t('vacancies.fields.description'),
    occupationId: t('vacancies.fields.occupation'),
    professionCode: t('vacancies.fields.profession'),
    municipalityCode: t('vacancies.fields.municipality'),
    workMode: t('vacancies.fields.workMode'),
    contractType: t('vacancies.fields.contractType'),
    durationMonths: t('vacancies.fields.durationMonths'),
    hoursPerWeek: t('vacancies.fields.hoursPerWeek'),
    educationLevel: t('vacancies.fields.educationLevel'),
    languages: t('vacancies.fields.languages'),
    openings: t('vacancies.fields.openings'),
    startDate: t('vacancies.fields.startDate'),
    closingDate: t('vacancies.fields.closingDate'),
    essentialSkillIds: t('vacancies.fields.essentialSkills'),
    optionalSkillIds: t('vacancies.fields.optionalSkills'),
  };
  s.languages.forEach((_, i) => {
    labels[`languages.${i}.language`] = t('vacancies.form.languageN', { n: i + 1 });
    labels[`languages.${i}.minLevel`] = t('vacancies.form.levelN', { n: i + 1 });
  });

  async function chooseOccupation(o: ComboboxOption | null) {
    set('occupation', o);
    if (!o) return;
    setLoadingSkills(true);
    setPrefill('');
    try {
      const occ = await fetchOccupation(Number(o.value), i18n.language);
      const essential = occ.essentialSkills.map((k) => ({ id: k.id, label: k.label }));
      const optional = occ.optionalSkills
        .filter((k) => !essential.some((e) => e.id === k.id))
        .map((k) => ({ id: k.id, label: k.label }));
      setS((p) => ({ ...p, occupation: o, essential, optional, title: p.title || o.label }));
      setPrefill(
        t('vacancies.form.prefilled', {
          essential: essential.length,
          optional: optional.length,
          occupation: o.label,
        }),
      );
    } catch {
      setPrefill(t('vacancies.form.prefillFailed'));
    } finally {
      setLoadingSkills(false);
    }
  }

  function moveSkill(k: PickedSkill, to: 'essential' | 'optional') {
    setS((p) => ({
      ...p,
      essential: to === 'essential' ? [...p.essential, k] : p.essential.filter((x) => x.id !== k.id),
      optional: to === 'optional' ? [...p.optional, k] : p.optional.filter((x) => x.id !== k.id),
    }));
  }
  function removeSkill(k: PickedSkill) {
    setS((p) => ({
      ...p,
      essential: p.essential.filter((x) => x.id !== k.id),
      optional: p.optional.filter((x) => x.id !== k.id),
    }));
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const fields = toFields(s);
    let v;
    if (props.mode === 'create') {
      v = validate(VacancyInput, {
        ...fields,
        occupationId: s.occupation ? Number(s.occupation.value) : undefined,
        status: status.current,
      });
    } else {
      v = validate(VacancyPatch, { ...fields, version: props.vacancy.version });
    }
    const extra: FieldErrors = {};
    if (s.startDate && s.closingDate && s.closingDate < s.startDate)
      extra.closingDate = { field: 'closingDate', code: 'before_start', message: '' };
    await submitValidated<unknown>(v, setErrors, (data) => props.onSubmit(data as never), { extra });
  }

  const err = (k: string) => errors[k];
  const chosen = [...s.essential, ...s.optional].map((k) => k.id);

  const skillList = (kind: 'essential' | 'optional', list: PickedSkill[]) => (
    <div className="col-12 col-lg-6">
      <h3 className="h5" id={`${kind}-skills-title`}>
        {kind === 'essential' ? labels.essentialSkillIds : labels.optionalSkillIds}{' '}
        <span className="text-muted fw-normal">({list.length})</span>
      </h3>
      <FieldHelp id={`${kind}SkillIds`} error={err(`${kind}SkillIds`)} />
      {list.length === 0 ? (
        <p className="text-muted" id={`${kind}SkillIds`} tabIndex={-1}>
          {t('vacancies.form.noSkills')}
        </p>
      ) : (
        <ul
          className="list-unstyled trama-skill-list"
          aria-labelledby={`${kind}-skills-title`}
          id={`${kind}SkillIds`}
          tabIndex={-1}
          data-testid={`${kind}-skills`}
        >
          {list.map((k) => (
            <li key={k.id} className="d-flex flex-wrap align-items-center gap-2 mb-2">
              <span className="flex-grow-1">{k.label}</span>
              <Button
                color="primary"
                outline
                size="xs"
                type="button"
                onClick={() => moveSkill(k, kind === 'essential' ? 'optional' : 'essential')}
              >
                {kind === 'essential'
                  ? t('vacancies.form.toOptional', { skill: k.label })
                  : t('vacancies.form.toEssential', { skill: k.label })}
              </Button>
              <Button color="secondary" outline size="xs" type="button" onClick={() => removeSkill(k)}>
                {t('vacancies.form.removeSkill', { skill: k.label })}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );

  return (
    <form onSubmit={onSubmit} noValidate data-testid="vacancy-form">
      <FormErrors errors={errors} labels={labels} error={props.error} />

      <Fieldset legend={t('vacancies.form.job')}>
        <div className="row">
          <div className="col-12 col-lg-6">
            <Combobox
              id="occupationId"
              label={labels.occupationId!}
              hint={
                props.mode === 'edit'
                  ? t('vacancies.form.occupationLocked')
                  : t('vacancies.form.occupationHint')
              }
              value={s.occupation}
              onChange={(o) => void chooseOccupation(o)}
              queryKey={['reference', 'occupations', i18n.language]}
              search={searchOccupations(i18n.language)}
              error={err('occupationId')}
              disabled={props.mode === 'edit'}
              required
            />
          </div>
          <div className="col-12 col-lg-6">
            <TextField
              id="title"
              label={labels.title!}
              value={s.title}
              onChange={(v) => set('title', v)}
              error={err('title')}
              maxLength={LIMITS.name}
              required
            />
          </div>
          <div className="col-12 col-lg-6">
            <Combobox
              id="professionCode"
              label={labels.professionCode!}
              hint={t('vacancies.form.professionHint')}
              value={s.profession}
              onChange={(o) => set('profession', o)}
              queryKey={['reference', 'professions']}
              search={searchProfessions}
              error={err('professionCode')}
            />
          </div>
          <div className="col-12">
            <TextAreaField
              id="description"
              label={labels.description!}
              value={s.description}
              onChange={(v) => set('description', v)}
              error={err('description')}
              maxLength={LIMITS.longText}
              rows={3}
            />
          </div>
        </div>
      </Fieldset>

      <Fieldset legend={t('vacancies.form.skills')}>
        <p>{t('vacancies.form.skillsIntro')}</p>
        <div aria-live="polite" aria-atomic="true" data-testid="skills-prefill">
          {loadingSkills ? t('vacancies.form.prefilling') : prefill}
        </div>
        <div className="row mt-3">
          {skillList('essential', s.essential)}
          {skillList('optional', s.optional)}
        </div>
        <div className="row">
          <div className="col-12 col-lg-8">
            <SkillPicker
              id="addSkill"
              label={t('vacancies.form.addSkill')}
              hint={t('vacancies.form.addSkillHint')}
              exclude={chosen}
              onPick={(k) => setS((p) => ({ ...p, essential: [...p.essential, k] }))}
            />
          </div>
        </div>
      </Fieldset>

      <Fieldset legend={t('vacancies.form.place')}>
        <div className="row">
          <div className="col-12 col-lg-6">
            <Combobox
              id="municipalityCode"
              label={labels.municipalityCode!}
              hint={t('reference.municipalityHint')}
              value={s.municipality}
              onChange={(o) => set('municipality', o)}
              queryKey={['reference', 'municipalities']}
              search={searchMunicipalities}
              error={err('municipalityCode')}
              required
            />
          </div>
          <div className="col-12 col-lg-6">
            <SelectField
              id="workMode"
              label={labels.workMode!}
              value={s.workMode}
              onChange={(v) => set('workMode', v)}
              options={WORK_MODES.map((m) => ({ value: m, label: t(`vacancies.workModes.${m}`) }))}
              error={err('workMode')}
              required
            />
          </div>
        </div>
      </Fieldset>

      <Fieldset legend={t('vacancies.form.contract')}>
        <div className="row">
          <div className="col-12 col-md-6 col-lg-4">
            <SelectField
              id="contractType"
              label={labels.contractType!}
              value={s.contractType}
              onChange={(v) => set('contractType', v)}
              placeholder={t('vacancies.form.chooseContract')}
              options={CONTRACT_TYPES.map((c) => ({
                value: c,
                label: t(`pathways.placement.contractTypes.${c}`),
              }))}
              error={err('contractType')}
              required
            />
          </div>
          <div className="col-12 col-md-6 col-lg-4">
            <TextField
              id="durationMonths"
              label={labels.durationMonths!}
              hint={t('vacancies.form.durationHint')}
              value={s.durationMonths}
              onChange={(v) => set('durationMonths', v)}
              error={err('durationMonths')}
              inputMode="numeric"
              maxLength={3}
            />
          </div>
          <div className="col-12 col-md-6 col-lg-4">
            <TextField
              id="hoursPerWeek"
              label={labels.hoursPerWeek!}
              value={s.hoursPerWeek}
              onChange={(v) => set('hoursPerWeek', v)}
              error={err('hoursPerWeek')}
              inputMode="numeric"
              maxLength={2}
            />
          </div>
          <div className="col-12 col-md-6 col-lg-4">
            <TextField
              id="openings"
              label={labels.openings!}
              value={s.openings}
              onChange={(v) => set('openings', v)}
              error={err('openings')}
              inputMode="numeric"
              maxLength={5}
              required
            />
          </div>
          <div className="col-12 col-md-6 col-lg-4">
            <TextField
              id="startDate"
              type="date"
              label={labels.startDate!}
              value={s.startDate}
              onChange={(v) => set('startDate', v)}
              error={err('startDate')}
            />
          </div>
          <div className="col-12 col-md-6 col-lg-4">
            <TextField
              id="closingDate"
              type="date"
              label={labels.closingDate!}
              value={s.closingDate}
              onChange={(v) => set('closingDate', v)}
              error={err('closingDate')}
            />
          </div>
          <div className="col-12">
            <CheckboxField
              id="countsTowardsPledge"
              label={t('vacancies.fields.countsTowardsPledge')}
              checked={s.countsTowardsPledge}
              onChange={(v) => set('countsTowardsPledge', v)}
            />
          </div>
        </div>
      </Fieldset>

      <Fieldset legend={t('vacancies.form.requirements')}>
        <div className="row">
          <div className="col-12 col-md-6">
            <SelectField
              id="educationLevel"
              label={labels.educationLevel!}
              value={s.educationLevel}
              onChange={(v) => set('educationLevel', v)}
              placeholder={t('vacancies.form.noEducation')}
              options={[1, 2, 3, 4, 5, 6, 7, 8].map((n) => ({
                value: String(n),
                label: t(`people.eqf.${n}`),
              }))}
              error={err('educationLevel')}
            />
          </div>
          <div className="col-12 col-md-6 d-flex align-items-center">
            <CheckboxField
              id="educationMandatory"
              label={t('vacancies.fields.educationMandatory')}
              checked={s.educationMandatory}
              onChange={(v) => set('educationMandatory', v)}
            />
          </div>
        </div>
        <h3 className="h5" id="languages" tabIndex={-1}>
          {labels.languages}
        </h3>
        {s.languages.length === 0 && <p className="text-muted">{t('vacancies.form.noLanguages')}</p>}
        {s.languages.map((l, i) => (
          <div className="row align-items-end" key={i}>
            <div className="col-12 col-md-4">
              <SelectField
                id={`languages-${i}-language`}
                label={labels[`languages.${i}.language`]!}
                value={l.language}
                onChange={(v) => set('languages', updateAt(s.languages, i, { language: v }))}
                options={LANGUAGES.map((c) => ({ value: c, label: languageName.of(c) ?? c }))}
                error={err(`languages.${i}.language`)}
              />
            </div>
            <div className="col-12 col-md-3">
              <SelectField
                id={`languages-${i}-minLevel`}
                label={labels[`languages.${i}.minLevel`]!}
                value={l.minLevel}
                onChange={(v) => set('languages', updateAt(s.languages, i, { minLevel: v }))}
                options={CEFR.map((c) => ({ value: c, label: c }))}
                error={err(`languages.${i}.minLevel`)}
              />
            </div>
            <div className="col-12 col-md-3 mb-4">
              <CheckboxField
                id={`languages-${i}-mandatory`}
                label={t('vacancies.fields.languageMandatory', { n: i + 1 })}
                checked={l.mandatory}
                onChange={(v) => set('languages', updateAt(s.languages, i, { mandatory: v }))}
              />
            </div>
            <div className="col-12 col-md-2 mb-4">
              <Button
                color="secondary"
                outline
                size="sm"
                type="button"
                onClick={() => set('languages', removeAt(s.languages, i))}
              >
                {t('vacancies.form.removeLanguage', { n: i + 1 })}
              </Button>
            </div>
          </div>
        ))}
        <Button
          color="primary"
          outline
          size="sm"
          type="button"
          disabled={s.languages.length >= 10}
          onClick={() =>
            set('languages', [...s.languages, { language: 'en', minLevel: 'B1', mandatory: false }])
          }
        >
          {t('vacancies.form.addLanguage')}
        </Button>
      </Fieldset>

      <div className="d-flex flex-wrap gap-2 mt-4">
        {props.mode === 'create' ? (
          <>
            <Button
              color="primary"
              type="submit"
              disabled={props.pending}
              onClick={() => (status.current = 'open')}
            >
              {props.pending ? t('common.saving') : t('vacancies.form.publish')}
            </Button>
            <Button
              color="primary"
              outline
              type="submit"
              disabled={props.pending}
              onClick={() => (status.current = 'draft')}
            >
              {t('vacancies.form.saveDraft')}
            </Button>
          </>
        ) : (
          <Button color="primary" type="submit" disabled={props.pending}>
            {props.pending ? t('common.saving') : t('vacancies.form.save')}
          </Button>
        )}
        <Link className="btn btn-outline-secondary" to={props.cancelTo}>
          {t('common.cancel')}
        </Link>
      </div>
    </form>
  );
}
