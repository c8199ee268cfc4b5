import { LIMITS, PRIORITY_TARGETS, PledgeInput, PledgeUpdate } from '@trama/contracts';
import { Alert, Button } from 'design-react-kit';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { SelectField, TextAreaField, TextField } from '../../components/fields';
import { ErrorAlert, ErrorSummary } from '../../components/feedback';
import { validate, type FieldErrors } from '../../components/validate';
import { useCreatePledge, useUpdatePledge, type Pledge } from './companies.queries';

interface PledgeFormState {
  priorityTarget: string;
  offers: string;
  periodFrom: string;
  periodTo: string;
  note: string;
}

const EMPTY: PledgeFormState = { priorityTarget: '', offers: '', periodFrom: '', periodTo: '', note: '' };

const stateOf = (p: Pledge): PledgeFormState => ({
  priorityTarget: p.priorityTarget,
  offers: String(p.offers),
  periodFrom: p.periodFrom,
  periodTo: p.periodTo,
  note: p.note ?? '',
});

/**
 * Company staff pledge job offers for a priority target over a period (their own company), or, given
 * `pledge`, edit one (same rules; optimistic locking on its version: after a conflict, `onReload`).
 */
export function PledgeForm({
  pledge,
  onDone,
  onReload,
}: {
  pledge?: Pledge;
  /** Edit only: saved (true) or cancelled (false). */
  onDone?: (saved: boolean) => void;
  onReload?: () => void;
} = {}) {
  const { t } = useTranslation();
  const create = useCreatePledge();
  const update = useUpdatePledge(pledge?.id ?? '');
  const save = pledge ? update : create;
  const [s, setS] = useState<PledgeFormState>(pledge ? stateOf(pledge) : EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [created, setCreated] = useState(false);
  const doneRef = useRef<HTMLDivElement>(null);
  const set = <K extends keyof PledgeFormState>(k: K, v: PledgeFormState[K]) => {
    setS((p) => ({ ...p, [k]: v }));
    setCreated(false);
  };
  const titleId = pledge ? `pledge-edit-title-${pledge.id}` : 'pledge-form-title';
  const titleRef = useRef<HTMLHeadingElement>(null);
  const editing = Boolean(pledge);
  // Opened from a pledge's "Edit" button: the form takes the focus.
  useEffect(() => {
    if (editing) titleRef.current?.focus();
  }, [editing]);

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
    const fields = {
      priorityTarget: s.priorityTarget,
      offers: offers === '' ? undefined : /^\d+$/.test(offers) ? Number(offers) : offers,
      periodFrom: s.periodFrom,
      periodTo: s.periodTo,
      note: s.note.trim() === '' ? null : s.note,
    };
    const v = pledge
      ? validate(PledgeUpdate, { ...fields, version: pledge.version })
      : validate(PledgeInput, fields);
    if (!v.ok) {
      setErrors(v.errors);
      return;
    }
    setErrors({});
    try {
      if (pledge) {
        await update.mutateAsync(v.data as PledgeUpdate);
        onDone?.(true);
        return;
      }
      await create.mutateAsync(v.data as PledgeInput);
      setS(EMPTY);
      setCreated(true);
      // The confirmation takes the focus, so that keyboard and screen reader users hear it.
      requestAnimationFrame(() => doneRef.current?.focus());
    } catch (err) {
      if (isApiError(err) && err.errors.length) setErrors(err.fieldErrors());
    }
  }

  const hasFieldErrors = Object.keys(errors).length > 0;
  const Heading = pledge ? 'h4' : 'h3';
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      data-testid={pledge ? 'pledge-edit-form' : 'pledge-form'}
      aria-labelledby={titleId}
    >
      {/* Editing, the form sits inside the pledge's card (an h3 in "La mia azienda"). */}
      <Heading
        className={pledge ? 'h6' : 'h5'}
        id={titleId}
        ref={titleRef}
        tabIndex={pledge ? -1 : undefined}
      >
        {pledge ? t('pledges.edit.title') : t('pledges.form.title')}
      </Heading>
      <p>{pledge ? t('pledges.edit.intro') : t('pledges.form.intro')}</p>
      <p>{t('forms.requiredNote')}</p>
      <div ref={doneRef} tabIndex={-1} aria-live="polite">
        {created && (
          <Alert fade={false} color="success" data-testid="pledge-created">
            {t('pledges.form.created')}
          </Alert>
        )}
      </div>
      <ErrorSummary errors={errors} labels={labels} />
      {!hasFieldErrors && <ErrorAlert error={save.error} testId="pledge-error" />}
      {pledge && onReload && isApiError(save.error) && save.error.status === 409 && (
        <Button color="primary" outline size="sm" className="mb-3" type="button" onClick={onReload}>
          {t('forms.reloadLatest')}
        </Button>
      )}
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
      <div className="d-flex flex-wrap gap-2">
        <Button color="primary" type="submit" disabled={save.isPending}>
          {save.isPending ? t('common.saving') : pledge ? t('pledges.edit.submit') : t('pledges.form.submit')}
        </Button>
        {pledge && (
          <Button color="secondary" outline type="button" onClick={() => onDone?.(false)}>
            {t('common.cancel')}
          </Button>
        )}
      </div>
    </form>
  );
}
