import { PasswordChangeInput, PASSWORD_MIN } from '@trama/contracts';
import { Alert, Button } from 'design-react-kit';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { TextField } from '../../components/fields';
import { ErrorAlert, ErrorSummary } from '../../components/feedback';
import { PageHeading } from '../../components/page-heading';
import { validate, type FieldErrors } from '../../components/validate';
import { useChangePassword, useMe } from './auth.queries';

export default function PasswordPage() {
  const { t } = useTranslation();
  const me = useMe();
  const change = useChangePassword();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [done, setDone] = useState(false);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setDone(false);
    const v = validate(PasswordChangeInput, { currentPassword, newPassword });
    const errs: FieldErrors = v.ok ? {} : { ...v.errors };
    if (!errs.confirmPassword && confirm !== newPassword) {
      errs.confirmPassword = { field: 'confirmPassword', code: 'password_mismatch', message: '' };
    }
    setErrors(errs);
    if (!v.ok || Object.keys(errs).length) return;
    change.mutate(v.data, {
      onSuccess: () => {
        setDone(true);
        setCurrent('');
        setNew('');
        setConfirm('');
      },
      onError: (err) => {
        if (isApiError(err) && err.errors.length) setErrors(err.fieldErrors());
      },
    });
  }

  const labels = {
    currentPassword: t('password.current'),
    newPassword: t('password.new'),
    confirmPassword: t('password.confirm'),
  };

  return (
    <div className="row">
      <div className="col-12 col-lg-7">
        <PageHeading title={t('password.title')}>{t('password.title')}</PageHeading>
        {me.data && <p>{t('password.signedInAs', { email: me.data.user.email })}</p>}
        {done && (
          <Alert fade={false} color="success" role="status" data-testid="password-changed">
            {t('password.changed')}
          </Alert>
        )}
        <ErrorSummary errors={errors} labels={labels} />
        {!Object.keys(errors).length && <ErrorAlert error={change.error} />}
        <form onSubmit={onSubmit} noValidate>
          <TextField
            id="currentPassword"
            label={labels.currentPassword}
            type="password"
            autoComplete="current-password"
            value={currentPassword}
            onChange={setCurrent}
            error={errors.currentPassword}
            required
          />
          <TextField
            id="newPassword"
            label={labels.newPassword}
            type="password"
            autoComplete="new-password"
            hint={t('password.rule', { count: PASSWORD_MIN })}
            value={newPassword}
            onChange={setNew}
            error={errors.newPassword}
            required
          />
          <TextField
            id="confirmPassword"
            label={labels.confirmPassword}
            type="password"
            autoComplete="new-password"
            value={confirm}
            onChange={setConfirm}
            error={errors.confirmPassword}
            required
          />
          <Button color="primary" type="submit" disabled={change.isPending}>
            {t('password.submit')}
          </Button>
        </form>
      </div>
    </div>
  );
}
