import { LIMITS, PledgeWithdrawal } from '@trama/contracts';
import { Button } from 'design-react-kit';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { TextAreaField } from '../../components/fields';
import { ErrorAlert, ErrorSummary } from '../../components/feedback';
import { validate, type FieldErrors } from '../../components/validate';
import { useWithdrawPledge, type Pledge } from './companies.queries';

/**
 * The company's staff withdraw a pledge, saying why: it stays on the board, marked as withdrawn, and no
 * longer counts in the totals. Optimistic locking on the pledge's version (after a conflict, `onReload`).
 */
export function PledgeWithdrawForm({
  pledge,
  onDone,
  onReload,
}: {
  pledge: Pledge;
  onDone: (withdrawn: boolean) => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const withdraw = useWithdrawPledge(pledge.id);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const labels = { reason: t('pledges.withdraw.reason') };
  const titleId = `pledge-withdraw-title-${pledge.id}`;
  const titleRef = useRef<HTMLHeadingElement>(null);
  // Opened from the pledge's "Withdraw" button: the form takes the focus.
  useEffect(() => titleRef.current?.focus(), []);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const v = validate(PledgeWithdrawal, { reason, version: pledge.version });
    if (!v.ok) {
      setErrors(v.errors);
      return;
    }
    setErrors({});
    try {
      await withdraw.mutateAsync(v.data);
      onDone(true);
    } catch (err) {
      if (isApiError(err) && err.errors.length) setErrors(err.fieldErrors());
    }
  }

  const hasFieldErrors = Object.keys(errors).length > 0;
  return (
    <form onSubmit={onSubmit} noValidate data-testid="pledge-withdraw-form" aria-labelledby={titleId}>
      {/* Inside the pledge's card (an h3 in "La mia azienda"). */}
      <h4 className="h6" id={titleId} ref={titleRef} tabIndex={-1}>
        {t('pledges.withdraw.title')}
      </h4>
      <p>{t('pledges.withdraw.intro')}</p>
      <p>{t('forms.requiredNote')}</p>
      <ErrorSummary errors={errors} labels={labels} />
      {!hasFieldErrors && <ErrorAlert error={withdraw.error} testId="pledge-withdraw-error" />}
      {isApiError(withdraw.error) && withdraw.error.status === 409 && (
        <Button color="primary" outline size="sm" className="mb-3" type="button" onClick={onReload}>
          {t('forms.reloadLatest')}
        </Button>
      )}
      <TextAreaField
        id="reason"
        label={labels.reason}
        hint={t('pledges.withdraw.reasonHint')}
        value={reason}
        onChange={setReason}
        error={errors.reason}
        maxLength={LIMITS.longText}
        rows={3}
        required
      />
      <div className="d-flex flex-wrap gap-2">
        <Button color="danger" type="submit" disabled={withdraw.isPending}>
          {withdraw.isPending ? t('common.saving') : t('pledges.withdraw.submit')}
        </Button>
        <Button color="secondary" outline type="button" onClick={() => onDone(false)}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}
