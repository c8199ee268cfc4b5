import {
  CEFR_LEVELS,
  CONSENT_PURPOSES,
  DID_SOURCES,
  DRIVING_LICENCES,
  EMPLOYMENT_STATUSES,
  LIMITS,
  PRIORITY_TARGETS,
  PersonCreate,
  PersonUpdate,
  decodePersonFiscalCode,
  type SkillItem,
} from '@trama/contracts';
import { Button } from 'design-react-kit';
import type { TFunction } from 'i18next';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import { api, type FieldError } from '../../api/client';
import { fieldErrorMessage } from '../../api/messages';
import { Combobox, type ComboboxOption } from '../../components/combobox';
import { CheckboxField, Fieldset, SelectField, TextField } from '../../components/fields';
import { FormErrors, removeAt, submitValidated, updateAt } from '../../components/form-errors';
import { validate, type FieldErrors } from '../../components/validate';
import { formatDate } from '../../i18n/format';
import { municipalityOption, searchMunicipalities } from '../reference/reference.queries';
import type { Person, PersonCreateData, PersonUpdateData } from './people.queries';
import './people.css';

interface LanguageRow {
  language: string;
  level: string;
}
interface WorkRow {
  id?: string;
  employerName: string;
  jobTitle: string;
  fromDate: string;
  toDate: string;
  atecoCode: string | null;
  occupationId: number | null;
}
interface SkillRow {
  skillId: number;
  label: string;
  source: 'declared' | 'verified';
}

export interface PersonFormState {
  fiscalCode: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  residence: ComboboxOption | null;
  residenceAddress: string;
  residencePostalCode: string;
  citizenship: string;
  educationLevel: string;
  employmentStatus: string;
  didDate: string;
  didSource: string;
  priorityTargets: string[];
  drivingLicences: string[];
  hoursPerWeek: string;
  mobilityRadiusKm: string;
  languages: LanguageRow[];
  workHistory: WorkRow[];
  skills: SkillRow[];
  consents: string[];
}

function initialState(p?: Person): PersonFormState {
  return {
    fiscalCode: p?.fiscalCode ?? '',
    firstName: p?.firstName ?? '',
    lastName: p?.lastName ?? '',
    email: p?.email ?? '',
    phone: p?.phone ?? '',
    residence: p?.residenceMunicipalityCode
      ? municipalityOption({
          code: p.residenceMunicipalityCode,
          name: p.residenceMunicipalityName ?? p.residenceMunicipalityCode,
        })
      : null,
    residenceAddress: p?.residenceAddress ?? '',
    residencePostalCode: p?.residencePostalCode ?? '',
    citizenship: p ? (p.citizenship ?? '') : 'IT',
    educationLevel: p?.educationLevel ? String(p.educationLevel) : '',
    employmentStatus: p?.employmentStatus ?? '',
    didDate: p?.didDate ?? '',
    didSource: p?.didSource ?? '',
    priorityTargets: p?.priorityTargets ?? [],
    drivingLicences: p?.drivingLicences ?? [],
    hoursPerWeek: p?.hoursPerWeek != null ? String(p.hoursPerWeek) : '',
    mobilityRadiusKm: p?.mobilityRadiusKm != null ? String(p.mobilityRadiusKm) : '',
    languages: (p?.languages ?? []).map((l) => ({ language: l.language, level: l.level })),
    workHistory: (p?.workHistory ?? []).map((w) => ({
      id: w.id,
      employerName: w.employerName,
      jobTitle: w.jobTitle ?? '',
      fromDate: w.fromDate,
      toDate: w.toDate ?? '',
      atecoCode: w.atecoCode,
      occupationId: w.occupationId,
    })),
    skills: (p?.skills ?? []).map((s) => ({
      skillId: s.skillId,
      label: s.label ?? String(s.skillId),
      source: s.source,
    })),
    consents: p ? [] : ['case_management'],
  };
}

const blankToNull = (s: string) => (s.trim() === '' ? null : s.trim());
const numberOrNull = (s: string) => (s.trim() === '' ? null : Number(s.trim().replace(',', '.')));

function toFields(s: PersonFormState) {
  return {
    fiscalCode: s.fiscalCode,
    firstName: s.firstName,
    lastName: s.lastName,
    email: blankToNull(s.email),
    phone: blankToNull(s.phone),
    residenceMunicipalityCode: s.residence?.value ?? null,
    residenceAddress: blankToNull(s.residenceAddress),
    residencePostalCode: blankToNull(s.residencePostalCode),
    citizenship: blankToNull(s.citizenship.toUpperCase()),
    educationLevel: numberOrNull(s.educationLevel),
    employmentStatus: s.employmentStatus || undefined,
    didDate: blankToNull(s.didDate),
    didSource: blankToNull(s.didSource),
    priorityTargets: s.priorityTargets,
    drivingLicences: s.drivingLicences,
    hoursPerWeek: numberOrNull(s.hoursPerWeek),
    mobilityRadiusKm: numberOrNull(s.mobilityRadiusKm),
    languages: s.languages.map((l) => ({ language: l.language.trim().toLowerCase(), level: l.level })),
    workHistory: s.workHistory.map((w) => ({
      employerName: w.employerName,
      jobTitle: blankToNull(w.jobTitle),
      fromDate: w.fromDate,
      toDate: blankToNull(w.toDate),
      atecoCode: w.atecoCode,
      occupationId: w.occupationId,
    })),
    skills: s.skills.map((k) => ({ skillId: k.skillId, source: k.source })),
  };
}

/** Birth date and sex encoded in the fiscal code, shown as the user types (the server derives the same). */
export function DerivedFromFiscalCode({ fiscalCode }: { fiscalCode: string }) {
  const { t, i18n } = useTranslation();
  const code = fiscalCode.trim().toUpperCase();
  let text = '';
  if (code.length === 16) {
    const d = decodePersonFiscalCode(code);
    text = d
      ? t('people.form.derived', {
          birthDate: formatDate(d.birthDate, i18n.language),
          sex: t(`people.sex.${d.sex}`),
        })
      : t('people.form.derivedInvalid');
  } else if (code.length > 0) {
    text = t('people.form.derivedTyping', { count: 16 - code.length });
  }
  return (
    <p className="small mt-n3 mb-4" aria-live="polite" data-testid="fiscal-code-derived">
      {text}
    </p>
  );
}

/** Birth date and sex are derived from the fiscal code: their errors belong to that field. */
function onFiscalCode(errors: FieldErrors): FieldErrors {
  const out: FieldErrors = {};
  for (const [k, v] of Object.entries(errors)) {
    const field = k === 'birthDate' || k === 'sex' ? 'fiscalCode' : k;
    if (!out[field]) out[field] = { ...v, field };
  }
  return out;
}

/** The people module's messages for codes the shared `validation.*` words for organisations. */
function personFieldError(fe: FieldError | undefined): FieldError | undefined {
  if (!fe) return fe;
  if (fe.code === 'fiscal_code_taken') return { ...fe, code: 'person_fiscal_code_taken' };
  if (fe.code === 'fiscal_code_invalid') return { ...fe, code: 'person_fiscal_code_invalid' };
  return fe;
}

export function personFieldLabels(t: TFunction): Record<string, string> {
  const l: Record<string, string> = {};
  for (const k of [
    'fiscalCode',
    'firstName',
    'lastName',
    'birthDate',
    'sex',
    'email',
    'phone',
    'residenceMunicipalityCode',
    'residenceAddress',
    'residencePostalCode',
    'citizenship',
    'educationLevel',
    'employmentStatus',
    'didDate',
    'didSource',
    'priorityTargets',
    'drivingLicences',
    'hoursPerWeek',
    'mobilityRadiusKm',
    'languages',
    'workHistory',
    'skills',
    'consents',
  ])
    l[k] = t(`people.fields.${k}`);
  return l;
}

async function searchSkills(lang: string, q: string, signal: AbortSignal): Promise<ComboboxOption[]> {
  const r = await api.get<{ items: z.infer<typeof SkillItem>[] }>(
    '/reference/skills',
    { q, limit: 20, lang: lang === 'en' ? 'en' : 'it' },
    signal,
  );
  return r.items.map((s) => ({ value: String(s.id), label: s.label, description: s.skillType ?? undefined }));
}

function CheckboxGroup({
  id,
  legend,
  options,
  value,
  onChange,
  error,
}: {
  id: string;
  legend: string;
  options: { value: string; label: string }[];
  value: string[];
  onChange: (v: string[]) => void;
  error?: FieldError;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="mb-4" id={id} tabIndex={-1} aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="h6 fw-semibold">{legend}</legend>
      <div className="d-flex flex-wrap trama-checks">
        {options.map((o) => (
          <CheckboxField
            key={o.value}
            id={`${id}-${o.value}`}
            label={o.label}
            checked={value.includes(o.value)}
            onChange={(c) => onChange(c ? [...value, o.value] : value.filter((x) => x !== o.value))}
          />
        ))}
      </div>
      {error && (
        <div id={`${id}-error`} className="invalid-feedback d-block">
          {fieldErrorMessage(t, error)}
        </div>
      )}
    </fieldset>
  );
}

export type PersonFormProps =
  | {
      mode: 'create';
      onSubmit: (input: PersonCreateData) => Promise<unknown>;
      pending: boolean;
      error: unknown;
      cancelTo: string;
    }
  | {
      mode: 'edit';
      person: Person;
      onSubmit: (input: PersonUpdateData) => Promise<unknown>;
      pending: boolean;
      error: unknown;
      onCancel: () => void;
    };

/** The SAP record form: create (with the consents given now) and edit (optimistic, with the version). */
export function PersonForm(props: PersonFormProps) {
  const { t, i18n } = useTranslation();
  const person = props.mode === 'edit' ? props.person : undefined;
  const [s, setS] = useState<PersonFormState>(() => initialState(person));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [skillPick, setSkillPick] = useState<ComboboxOption | null>(null);
  const set = <K extends keyof PersonFormState>(k: K, v: PersonFormState[K]) =>
    setS((p) => ({ ...p, [k]: v }));
  const labels = personFieldLabels(t);
  const err = (k: string) => personFieldError(errors[k]);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const fields = toFields(s);
    let v;
    if (props.mode === 'create') {
      v = validate(PersonCreate, { ...fields, consents: s.consents });
    } else {
      const { fiscalCode, ...rest } = fields;
      const payload = {
        ...rest,
        ...(fiscalCode.trim().toUpperCase() !== props.person.fiscalCode ? { fiscalCode } : {}),
        version: props.person.version,
      };
      v = validate(PersonUpdate, payload);
    }
    await submitValidated<unknown>(v, setErrors, (data) => props.onSubmit(data as never), {
      mapErrors: onFiscalCode,
    });
  }

  const option = (prefix: string) => (v: string) => ({ value: v, label: t(`${prefix}.${v}`) });

  return (
    <form onSubmit={onSubmit} noValidate data-testid="person-form">
      <p className="small">{t('forms.requiredNote')}</p>
      <FormErrors errors={errors} labels={labels} error={props.error} />

      <Fieldset legend={t('people.form.identity')}>
        <div className="row">
          <div className="col-12 col-md-6">
            <TextField
              id="fiscalCode"
              label={labels.fiscalCode!}
              hint={t('people.form.fiscalCodeHint')}
              value={s.fiscalCode}
              onChange={(v) => set('fiscalCode', v.toUpperCase())}
              error={err('fiscalCode')}
              maxLength={16}
              spellCheck={false}
              autoComplete="off"
              required
            />
            <DerivedFromFiscalCode fiscalCode={s.fiscalCode} />
          </div>
          <div className="col-12 col-md-6">
            <TextField
              id="citizenship"
              label={labels.citizenship!}
              hint={t('people.form.citizenshipHint')}
              value={s.citizenship}
              onChange={(v) => set('citizenship', v.toUpperCase())}
              error={err('citizenship')}
              maxLength={2}
            />
          </div>
          <div className="col-12 col-md-6">
            <TextField
              id="firstName"
              label={labels.firstName!}
              value={s.firstName}
              onChange={(v) => set('firstName', v)}
              error={err('firstName')}
              maxLength={LIMITS.shortText}
              autoComplete="off"
              required
            />
          </div>
          <div className="col-12 col-md-6">
            <TextField
              id="lastName"
              label={labels.lastName!}
              value={s.lastName}
              onChange={(v) => set('lastName', v)}
              error={err('lastName')}
              maxLength={LIMITS.shortText}
              autoComplete="off"
              required
            />
          </div>
        </div>
      </Fieldset>

      <Fieldset legend={t('people.form.contacts')}>
        <div className="row">
          <div className="col-12 col-md-6">
            <TextField
              id="email"
              type="email"
              label={labels.email!}
              value={s.email}
              onChange={(v) => set('email', v)}
              error={err('email')}
              maxLength={LIMITS.email}
              autoComplete="off"
            />
          </div>
          <div className="col-12 col-md-6">
            <TextField
              id="phone"
              type="tel"
              label={labels.phone!}
              value={s.phone}
              onChange={(v) => set('phone', v)}
              error={err('phone')}
              maxLength={LIMITS.phone}
              autoComplete="off"
            />
          </div>
          <div className="col-12 col-lg-6">
            <Combobox
              id="residenceMunicipalityCode"
              label={labels.residenceMunicipalityCode!}
              hint={t('reference.municipalityHint')}
              value={s.residence}
              onChange={(o) => set('residence', o)}
              queryKey={['reference', 'municipalities']}
              search={searchMunicipalities}
              error={err('residenceMunicipalityCode')}
            />
          </div>
          <div className="col-12 col-md-8 col-lg-4">
            <TextField
              id="residenceAddress"
              label={labels.residenceAddress!}
              value={s.residenceAddress}
              onChange={(v) => set('residenceAddress', v)}
              error={err('residenceAddress')}
              maxLength={LIMITS.name}
            />
          </div>
          <div className="col-12 col-md-4 col-lg-2">
            <TextField
              id="residencePostalCode"
              label={labels.residencePostalCode!}
              value={s.residencePostalCode}
              onChange={(v) => set('residencePostalCode', v)}
              error={err('residencePostalCode')}
              maxLength={5}
              inputMode="numeric"
            />
          </div>
        </div>
      </Fieldset>

      <Fieldset legend={t('people.form.employment')}>
        <div className="row">
          <div className="col-12 col-md-6">
            <SelectField
              id="employmentStatus"
              label={labels.employmentStatus!}
              value={s.employmentStatus}
              onChange={(v) => set('employmentStatus', v)}
              placeholder={t('people.form.choose')}
              options={EMPLOYMENT_STATUSES.map(option('people.employmentStatus'))}
              error={err('employmentStatus')}
              required
            />
          </div>
          <div className="col-12 col-md-6">
            <SelectField
              id="educationLevel"
              label={labels.educationLevel!}
              value={s.educationLevel}
              onChange={(v) => set('educationLevel', v)}
              placeholder={t('people.form.notGiven')}
              options={[1, 2, 3, 4, 5, 6, 7, 8].map((n) => ({
                value: String(n),
                label: t(`people.eqf.${n}`),
              }))}
              error={err('educationLevel')}
            />
          </div>
          <div className="col-12 col-md-6">
            <TextField
              id="didDate"
              type="date"
              label={labels.didDate!}
              hint={t('people.form.didHint')}
              value={s.didDate}
              onChange={(v) => set('didDate', v)}
              error={err('didDate')}
            />
          </div>
          <div className="col-12 col-md-6">
            <SelectField
              id="didSource"
              label={labels.didSource!}
              value={s.didSource}
              onChange={(v) => set('didSource', v)}
              placeholder={t('people.form.notGiven')}
              options={DID_SOURCES.map(option('people.didSource'))}
              error={err('didSource')}
            />
          </div>
        </div>
        <CheckboxGroup
          id="priorityTargets"
          legend={labels.priorityTargets!}
          options={PRIORITY_TARGETS.map(option('people.priorityTarget'))}
          value={s.priorityTargets}
          onChange={(v) => set('priorityTargets', v)}
          error={err('priorityTargets')}
        />
      </Fieldset>

      <Fieldset legend={t('people.form.availability')}>
        <div className="row">
          <div className="col-12 col-md-6">
            <TextField
              id="hoursPerWeek"
              label={labels.hoursPerWeek!}
              value={s.hoursPerWeek}
              onChange={(v) => set('hoursPerWeek', v)}
              error={err('hoursPerWeek')}
              inputMode="numeric"
              maxLength={3}
            />
          </div>
          <div className="col-12 col-md-6">
            <TextField
              id="mobilityRadiusKm"
              label={labels.mobilityRadiusKm!}
              value={s.mobilityRadiusKm}
              onChange={(v) => set('mobilityRadiusKm', v)}
              error={err('mobilityRadiusKm')}
              inputMode="numeric"
              maxLength={4}
            />
          </div>
        </div>
        <CheckboxGroup
          id="drivingLicences"
          legend={labels.drivingLicences!}
          options={DRIVING_LICENCES.map((v) => ({ value: v, label: v }))}
          value={s.drivingLicences}
          onChange={(v) => set('drivingLicences', v)}
          error={err('drivingLicences')}
        />
      </Fieldset>

      <Fieldset legend={labels.languages!} id="languages">
        {s.languages.length === 0 && <p className="text-muted-strong">{t('people.form.noLanguages')}</p>}
        {s.languages.map((l, i) => (
          <div className="row align-items-start" key={i}>
            <div className="col-12 col-md-4">
              <TextField
                id={`languages-${i}-language`}
                label={t('people.form.languageCode', { n: i + 1 })}
                hint={t('people.form.languageCodeHint')}
                value={l.language}
                onChange={(v) => set('languages', updateAt(s.languages, i, { language: v }))}
                error={err(`languages.${i}.language`) ?? (i === 0 ? err('languages') : undefined)}
                maxLength={2}
              />
            </div>
            <div className="col-12 col-md-4">
              <SelectField
                id={`languages-${i}-level`}
                label={t('people.form.languageLevel', { n: i + 1 })}
                value={l.level}
                onChange={(v) => set('languages', updateAt(s.languages, i, { level: v }))}
                placeholder={t('people.form.choose')}
                options={CEFR_LEVELS.map((v) => ({ value: v, label: t(`people.cefr.${v}`) }))}
                error={err(`languages.${i}.level`)}
              />
            </div>
            <div className="col-12 col-md-4 pt-md-4">
              <Button
                color="secondary"
                outline
                size="sm"
                type="button"
                onClick={() => set('languages', removeAt(s.languages, i))}
              >
                {t('people.form.removeLanguage', { n: i + 1 })}
              </Button>
            </div>
          </div>
        ))}
        <Button
          color="primary"
          outline
          size="sm"
          type="button"
          onClick={() => set('languages', [...s.languages, { language: '', level: '' }])}
        >
          {t('people.form.addLanguage')}
        </Button>
      </Fieldset>

      <Fieldset legend={labels.workHistory!} id="workHistory">
        {s.workHistory.length === 0 && <p className="text-muted-strong">{t('people.form.noWork')}</p>}
        {s.workHistory.map((w, i) => {
          const change = (patch: Partial<WorkRow>) => set('workHistory', updateAt(s.workHistory, i, patch));
          return (
            <div className="row align-items-start border-bottom mb-3" key={w.id ?? `new-${i}`}>
              <div className="col-12 col-md-6">
                <TextField
                  id={`workHistory-${i}-employerName`}
                  label={t('people.form.employer', { n: i + 1 })}
                  value={w.employerName}
                  onChange={(v) => change({ employerName: v })}
                  error={err(`workHistory.${i}.employerName`)}
                  maxLength={LIMITS.name}
                />
              </div>
              <div className="col-12 col-md-6">
                <TextField
                  id={`workHistory-${i}-jobTitle`}
                  label={t('people.form.jobTitle', { n: i + 1 })}
                  value={w.jobTitle}
                  onChange={(v) => change({ jobTitle: v })}
                  error={err(`workHistory.${i}.jobTitle`)}
                  maxLength={LIMITS.name}
                />
              </div>
              <div className="col-12 col-md-4">
                <TextField
                  id={`workHistory-${i}-fromDate`}
                  type="date"
                  label={t('people.form.fromDate', { n: i + 1 })}
                  value={w.fromDate}
                  onChange={(v) => change({ fromDate: v })}
                  error={err(`workHistory.${i}.fromDate`)}
                />
              </div>
              <div className="col-12 col-md-4">
                <TextField
                  id={`workHistory-${i}-toDate`}
                  type="date"
                  label={t('people.form.toDate', { n: i + 1 })}
                  value={w.toDate}
                  onChange={(v) => change({ toDate: v })}
                  error={err(`workHistory.${i}.toDate`)}
                />
              </div>
              <div className="col-12 col-md-4 pt-md-4 mb-3">
                <Button
                  color="secondary"
                  outline
                  size="sm"
                  type="button"
                  onClick={() => set('workHistory', removeAt(s.workHistory, i))}
                >
                  {t('people.form.removeWork', { n: i + 1 })}
                </Button>
              </div>
            </div>
          );
        })}
        <Button
          color="primary"
          outline
          size="sm"
          type="button"
          onClick={() =>
            set('workHistory', [
              ...s.workHistory,
              {
                employerName: '',
                jobTitle: '',
                fromDate: '',
                toDate: '',
                atecoCode: null,
                occupationId: null,
              },
            ])
          }
        >
          {t('people.form.addWork')}
        </Button>
      </Fieldset>

      <Fieldset legend={labels.skills!}>
        <div className="row">
          <div className="col-12 col-lg-8">
            <Combobox
              id="skills"
              label={t('people.form.addSkill')}
              hint={t('people.form.skillHint')}
              value={skillPick}
              onChange={(o) => {
                setSkillPick(null);
                if (o && !s.skills.some((k) => String(k.skillId) === o.value))
                  set('skills', [
                    ...s.skills,
                    { skillId: Number(o.value), label: o.label, source: 'declared' },
                  ]);
              }}
              queryKey={['reference', 'skills', i18n.language]}
              search={(q, signal) => searchSkills(i18n.language, q, signal)}
              error={err('skills')}
            />
          </div>
        </div>
        {s.skills.length > 0 && (
          <ul className="list-unstyled">
            {s.skills.map((k, i) => (
              <li key={k.skillId} className="d-flex flex-wrap align-items-center gap-3 mb-2">
                <span className="fw-semibold">{k.label}</span>
                <label className="visually-hidden" htmlFor={`skills-${i}-source`}>
                  {t('people.form.skillSource', { skill: k.label })}
                </label>
                <select
                  id={`skills-${i}-source`}
                  className="form-select form-select-sm w-auto"
                  value={k.source}
                  onChange={(e) =>
                    set('skills', updateAt(s.skills, i, { source: e.target.value as SkillRow['source'] }))
                  }
                >
                  <option value="declared">{t('people.skillSource.declared')}</option>
                  <option value="verified">{t('people.skillSource.verified')}</option>
                </select>
                <Button
                  color="secondary"
                  outline
                  size="xs"
                  type="button"
                  onClick={() => set('skills', removeAt(s.skills, i))}
                >
                  {t('people.form.removeSkill', { skill: k.label })}
                </Button>
              </li>
            ))}
          </ul>
        )}
      </Fieldset>

      {props.mode === 'create' && (
        <Fieldset legend={t('people.form.consents')}>
          <p className="small">{t('people.form.consentsHint')}</p>
          <CheckboxGroup
            id="consents"
            legend={t('people.form.consentsGiven')}
            options={CONSENT_PURPOSES.map(option('people.consentPurpose'))}
            value={s.consents}
            onChange={(v) => set('consents', v)}
            error={err('consents')}
          />
        </Fieldset>
      )}

      <div className="d-flex flex-wrap gap-2">
        <Button color="primary" type="submit" disabled={props.pending}>
          {props.pending
            ? t('common.saving')
            : props.mode === 'create'
              ? t('people.form.create')
              : t('people.form.save')}
        </Button>
        {props.mode === 'create' ? (
          <Link className="btn btn-outline-secondary" to={props.cancelTo}>
            {t('common.cancel')}
          </Link>
        ) : (
          <Button color="secondary" outline type="button" onClick={props.onCancel}>
            {t('common.cancel')}
          </Button>
        )}
      </div>
    </form>
  );
}
