import { LIMITS, PRIORITY_TARGETS, PledgeInput } from '@trama/contracts';
import { Alert, Button } from 'design-react-kit';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { SelectField, TextAreaField, TextField } from '../../components/fields';
import { ErrorAlert, ErrorSummary } from '../../components/feedback';
import { validate, type FieldErrors } from '../../components/validate';
import { useCreatePledge } from './companies.queries';

interface PledgeFormState {
  priorityTarget: string;
  offers: string;
  periodFrom: string;
  periodTo: string;
  note: string;
}

const EMPTY: PledgeFormState = { priorityTarget: '', offers: '', periodFrom: '', periodTo: '', note: '' };

/** Company staff pledge job offers for a priority target over a period (their own company). */
export function PledgeForm() {
  const { t } = useTranslation();
  const create = useCreatePledge();
  const [s, setS] = useState<PledgeFormState>(EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [created, setCreated] = useState(false);
  const doneRef = useRef<HTMLDivElement>(null);
  const set = <K extends keyof PledgeFormState>(k: K, v: PledgeFormState[K]) => {
    setS((p) => ({ ...p, [k]: v }));
    setCreated(false);
  };

  const labels: Record<string, string> = {
    priorityTarget: t('pledges.fields.priorityTarget'),
    offers: t('pledges.fields.offers'),
    periodFrom: t('pledges.fields.periodFrom'),
    periodTo: t('pledges.fields.periodTo'),
    note: t('pledges.fields.note'),
  };

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setCreated(false);
    const offers = s.offers.trim();
    const v = validate(PledgeInput, {
      priorityTarget: s.priorityTarget,
      offers: offers === '' ? undefined : /^\d+$/.test(offers) ? Number(offers) : offers,
      periodFrom: s.periodFrom,
      periodTo: s.periodTo,
      note: s.note.trim() === '' ? null : s.note,
    });
    if (!v.ok) {
      setErrors(v.errors);
      return;
    }
    setErrors({});
    try {
      await create.mutateAsync(v.data);
      setS(EMPTY);
      setCreated(true);
      // The confirmation takes the focus, so that keyboard and screen reader users hear it.
      requestAnimationFrame(() => doneRef.current?.focus());
    } catch (err) {
      if (isApiError(err) && err.errors.length) setErrors(err.fieldErrors());
    }
  }

  const hasFieldErrors = Object.keys(errors).length > 0;
  return (
    <form onSubmit={onSubmit} noValidate data-testid="pledge-form" aria-labelledby="pledge-form-title">
      <h3 className="h5" id="pledge-form-title">
        {t('pledges.form.title')}
      </h3>
      <p>{t('pledges.form.intro')}</p>
      <div ref={doneRef} tabIndex={-1} aria-live="polite">
        {created && (
          <Alert fade={false} color="success" data-testid="pledge-created">
            {t('pledges.form.created')}
          </Alert>
        )}
      </div>
      <ErrorSummary errors={errors} labels={labels} />
      {!hasFieldErrors && <ErrorAlert error={create.error} testId="pledge-error" />}
      <div className="row">
        <div className="col-12 col-md-6">
          <SelectField
            id="priorityTarget"
            label={labels.priorityTarget!}
            value={s.priorityTarget}
            onChange={(v) => set('priorityTarget', v)}
            placeholder={t('pledges.form.chooseTarget')}
            options={PRIORITY_TARGETS.map((x) => ({ value: x, label: t(`people.priorityTarget.${x}`) }))}
            error={errors.priorityTarget}
            required
          />
        </div>
        <div className="col-12 col-md-6">
          <TextField
            id="offers"
            label={labels.offers!}
            hint={t('pledges.form.offersHint')}
            value={s.offers}
            onChange={(v) => set('offers', v)}
            inputMode="numeric"
            maxLength={6}
            error={errors.offers}
            required
          />
        </div>
        <div className="col-12 col-md-6">
          <TextField
            id="periodFrom"
            type="date"
            label={labels.periodFrom!}
            value={s.periodFrom}
            onChange={(v) => set('periodFrom', v)}
            error={errors.periodFrom}
            required
          />
        </div>
        <div className="col-12 col-md-6">
          <TextField
            id="periodTo"
            type="date"
            label={labels.periodTo!}
            value={s.periodTo}
            onChange={(v) => set('periodTo', v)}
            error={errors.periodTo}
            required
          />
        </div>
        <div className="col-12">
          <TextAreaField
            id="note"
            label={labels.note!}
            value={s.note}
            onChange={(v) => set('note', v)}
            error={errors.note}
            maxLength={LIMITS.longText}
            rows={3}
          />
        </div>
      </div>
      <Button color="primary" type="submit" disabled={create.isPending}>
        {create.isPending ? t('common.saving') : t('pledges.form.submit')}
      </Button>
    </form>
  );
}
