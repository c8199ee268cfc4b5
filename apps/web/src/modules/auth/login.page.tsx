import { Alert, Button, Card, CardBody } from 'design-react-kit';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { apiUrl } from '../../api/client';
import { TextField } from '../../components/fields';
import { ErrorAlert } from '../../components/feedback';
import { PageHeading } from '../../components/page-heading';
import type { FieldErrors } from '../../components/validate';
import { adoptUserLocale } from '../../i18n';
import { useLogin, useMe, useOidcConfig } from './auth.queries';
import { safeNext } from './safe-next';

export default function LoginPage() {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const oidcError = params.get('error');
  const navigate = useNavigate();
  const me = useMe();
  const oidc = useOidcConfig();
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});

  if (me.data) return <Navigate to={next} replace />;

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    // Light checks only (the login page is the first one most users load: no zod here).
    const errs: FieldErrors = {};
    const mail = email.trim();
    if (!mail) errs.email = { field: 'email', code: 'required', message: '' };
    else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(mail))
      errs.email = { field: 'email', code: 'email_invalid', message: '' };
    if (!password) errs.password = { field: 'password', code: 'required', message: '' };
    setErrors(errs);
    const first = Object.keys(errs)[0];
    if (first) {
      document.getElementById(first)?.focus();
      return;
    }
    login.mutate(
      { email: mail, password },
      {
        onSuccess: async (data) => {
          await adoptUserLocale(data.user.locale);
          navigate(next, { replace: true });
        },
        onError: () => setPassword(''),
      },
    );
  }

  const oidcMessageKey = oidcError ? `login.oidcErrors.${oidcError}` : null;

  return (
    <div className="row justify-content-center">
      <div className="col-12 col-md-8 col-lg-6">
        <PageHeading title={t('login.title')}>{t('login.title')}</PageHeading>
        <p className="lead">{t('login.intro')}</p>
        {oidcMessageKey && (
          <Alert fade={false} color="danger" role="alert" data-testid="oidc-error">
            {i18n.exists(oidcMessageKey) ? t(oidcMessageKey) : t('login.oidcErrors.generic')}
          </Alert>
        )}
        <ErrorAlert error={login.error} testId="login-error" />
        <Card className="card-bg shadow-sm">
          <CardBody className="p-4">
            <form onSubmit={onSubmit} noValidate aria-labelledby="login-form-title">
              <h2 id="login-form-title" className="h4 mb-4">
                {t('login.withPassword')}
              </h2>
              <TextField
                id="email"
                label={t('login.email')}
                type="email"
                autoComplete="username"
                inputMode="email"
                spellCheck={false}
                value={email}
                onChange={setEmail}
                error={errors.email}
                required
              />
              <TextField
                id="password"
                label={t('login.password')}
                type="password"
                autoComplete="current-password"
                value={password}
                onChange={setPassword}
                error={errors.password}
                required
              />
              <Button color="primary" type="submit" disabled={login.isPending} className="w-100">
                {login.isPending ? t('login.signingIn') : t('login.submit')}
              </Button>
            </form>
            {oidc.data?.enabled && (
              <div className="mt-4 pt-4 border-top">
                <h2 className="h4">{t('login.withSpid')}</h2>
                <p>{t('login.spidIntro')}</p>
                <a className="btn btn-outline-primary w-100" href={apiUrl('/auth/oidc/login')}>
                  {t('login.spidButton', { label: oidc.data.label })}
                </a>
              </div>
            )}
          </CardBody>
        </Card>
      </div>
    </div>
  );
}
