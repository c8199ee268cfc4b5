import { AcceptInvitationInput, PASSWORD_MIN } from '@trama/contracts';
import { Alert, Button } from 'design-react-kit';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { isApiError } from '../../api/client';
import { TextField } from '../../components/fields';
import { ErrorAlert, ErrorSummary } from '../../components/feedback';
import { PageHeading } from '../../components/page-heading';
import { validate, type FieldErrors } from '../../components/validate';
import { adoptUserLocale } from '../../i18n';
import { useAcceptInvitation } from './auth.queries';

export default function InvitationPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const navigate = useNavigate();
  const accept = useAcceptInvitation();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});

  const tokenLooksValid = token.length >= 20 && token.length <= 200;

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const v = validate(AcceptInvitationInput, { token, password });
    const errs: FieldErrors = {};
    if (!v.ok && v.errors.password) errs.password = v.errors.password;
    if (!errs.confirmPassword && confirm !== password) {
      errs.confirmPassword = { field: 'confirmPassword', code: 'password_mismatch', message: '' };
    }
    setErrors(errs);
    if (!v.ok || Object.keys(errs).length) return;
    accept.mutate(v.data, {
      onSuccess: async (me) => {
        await adoptUserLocale(me.user.locale);
        navigate('/', { replace: true });
      },
      onError: (err) => {
        if (isApiError(err) && err.errors.length) setErrors(err.fieldErrors());
      },
    });
  }

  const labels = { password: t('invitation.password'), confirmPassword: t('password.confirm') };

  return (
    <div className="row justify-content-center">
      <div className="col-12 col-md-8 col-lg-6">
        <PageHeading title={t('invitation.title')}>{t('invitation.title')}</PageHeading>
        {!tokenLooksValid ? (
          <Alert fade={false} color="danger" role="alert">
            {t('invitation.missingToken')}
          </Alert>
        ) : (
          <>
            <p className="lead">{t('invitation.intro')}</p>
            <ErrorSummary errors={errors} labels={labels} />
            {!Object.keys(errors).length && <ErrorAlert error={accept.error} />}
            <form onSubmit={onSubmit} noValidate>
              <TextField
                id="password"
                label={labels.password}
                type="password"
                autoComplete="new-password"
                hint={t('password.rule', { count: PASSWORD_MIN })}
                value={password}
                onChange={setPassword}
                error={errors.password}
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
              <Button color="primary" type="submit" disabled={accept.isPending}>
                {t('invitation.submit')}
              </Button>
            </form>
          </>
        )}
      </div>
    </div>
  );
}
