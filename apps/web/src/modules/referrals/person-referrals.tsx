import { LIMITS, PERSON_SECTIONS, ReferralInput, type OrganizationPage } from '@trama/contracts';
import { Button } from 'design-react-kit';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { api, isApiError } from '../../api/client';
import { Combobox, type ComboboxOption } from '../../components/combobox';
import { CheckboxField, TextAreaField } from '../../components/fields';
import { EmptyState, ErrorAlert, ErrorSummary, Loading } from '../../components/feedback';
import { validate, type FieldErrors } from '../../components/validate';
import { useMe } from '../auth/auth.queries';
import { Done } from '../pathways/pathway-ui';
import type { Person } from '../people/people.queries';
import '../people/people.css';
import { ReferralTable } from './referral-list';
import { useCreateReferral, useReferrals } from './referrals.queries';

function searchOrganizations(exclude: string | null, typeLabel: (type: string) => string) {
  return async (q: string, signal: AbortSignal): Promise<ComboboxOption[]> => {
    const page = await api.get<z.infer<typeof OrganizationPage>>('/organizations', { q, limit: 20 }, signal);
    return page.items
      .filter((o) => o.id !== exclude)
      .map((o) => ({
        value: o.id,
        label: o.name,
        description: `${typeLabel(o.type)} · ${o.legalSeat.name} (${o.legalSeat.provinceAbbreviation})`,
      }));
  };
}

function ProposeForm({
  person,
  pathwayId,
  onDone,
  onCancel,
}: {
  person: Person;
  pathwayId: string | null;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const create = useCreateReferral();
  const [to, setTo] = useState<ComboboxOption | null>(null);
  const [reason, setReason] = useState('');
  const [sections, setSections] = useState<string[]>(['identity', 'contacts', 'employment']);
  const [errors, setErrors] = useState<FieldErrors>({});
  const labels = {
    toOrganizationId: t('referrals.fields.toOrganization'),
    reason: t('referrals.fields.reason'),
    sharedSections: t('referrals.fields.shared'),
  };
  const sharingConsent = person.consents?.find((c) => c.purpose === 'network_sharing')?.given ?? false;

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const v = validate(ReferralInput, {
      personId: person.id,
      toOrganizationId: to?.value ?? '',
      pathwayId,
      reason,
      sharedSections: sections,
    });
    if (!v.ok) {
      setErrors(v.errors);
      return;
    }
    setErrors({});
    try {
      await create.mutateAsync(v.data);
      onDone();
    } catch (err) {
      if (isApiError(err) && err.errors.length) setErrors(err.fieldErrors());
    }
  }

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="card card-bg p-4 mb-4"
      aria-labelledby="propose-title"
      data-testid="referral-form"
    >
      <h3 id="propose-title" className="h5">
        {t('referrals.propose.title')}
      </h3>
      {!sharingConsent && (
        <p className="alert alert-warning" role="note">
          {t('referrals.propose.noConsent')}
        </p>
      )}
      <ErrorSummary errors={errors} labels={labels} />
      {Object.keys(errors).length === 0 && <ErrorAlert error={create.error} />}
      <Combobox
        id="toOrganizationId"
        label={labels.toOrganizationId}
        hint={t('referrals.propose.toHint')}
        value={to}
        onChange={setTo}
        queryKey={['organizations', 'lookup']}
        search={searchOrganizations(me.data?.activeMembership.organizationId ?? null, (ty) =>
          t(`organizationTypes.${ty}`),
        )}
        error={errors.toOrganizationId}
        required
      />
      <TextAreaField
        id="reason"
        label={labels.reason}
        value={reason}
        onChange={setReason}
        rows={3}
        maxLength={LIMITS.longText}
        error={errors.reason}
        required
      />
      <fieldset className="mb-4" id="sharedSections" tabIndex={-1}>
        <legend className="h6 fw-semibold">{labels.sharedSections}</legend>
        <p className="small">{t('referrals.propose.sharedHint')}</p>
        <div className="d-flex flex-wrap trama-checks">
          {PERSON_SECTIONS.map((s) => (
            <CheckboxField
              key={s}
              id={`sharedSections-${s}`}
              label={t(`people.sections.${s}`)}
              checked={sections.includes(s)}
              onChange={(c) => setSections(c ? [...sections, s] : sections.filter((x) => x !== s))}
            />
          ))}
        </div>
        {errors.sharedSections && (
          <div className="invalid-feedback d-block">{t('referrals.propose.sharedRequired')}</div>
        )}
      </fieldset>
      <div className="d-flex gap-2">
        <Button color="primary" type="submit" disabled={create.isPending}>
          {create.isPending ? t('common.saving') : t('referrals.propose.submit')}
        </Button>
        <Button color="secondary" outline type="button" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}

/** The person's referrals: outgoing (propose, revoke) and incoming (accept, reject, complete). */
export function PersonReferralsTab({
  person,
  pathwayId,
  canManage,
}: {
  person: Person;
  pathwayId: string | null;
  canManage: boolean;
}) {
  const { t } = useTranslation();
  const outgoing = useReferrals({ direction: 'outgoing', personId: person.id });
  const incoming = useReferrals({ direction: 'incoming', personId: person.id });
  const [proposing, setProposing] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const out = outgoing.data?.pages.flatMap((p) => p.items) ?? [];
  const inc = incoming.data?.pages.flatMap((p) => p.items) ?? [];
  const full = person.access.kind === 'full';

  return (
    <>
      <div className="d-flex flex-wrap justify-content-between align-items-start gap-2">
        <h2 className="h3">{t('referrals.title')}</h2>
        {canManage && full && !proposing && (
          <Button
            color="primary"
            onClick={() => {
              setDone(null);
              setProposing(true);
            }}
          >
            {t('referrals.propose.open')}
          </Button>
        )}
      </div>
      <p>{t('referrals.intro')}</p>
      <Done message={done} testId="referral-done" />
      {proposing && (
        <ProposeForm
          person={person}
          pathwayId={pathwayId}
          onCancel={() => setProposing(false)}
          onDone={() => {
            setProposing(false);
            setDone(t('referrals.propose.done'));
          }}
        />
      )}
      {(outgoing.isPending || incoming.isPending) && <Loading />}
      <ErrorAlert error={outgoing.error ?? incoming.error} />
      {outgoing.isSuccess && incoming.isSuccess && out.length + inc.length === 0 && (
        <EmptyState title={t('referrals.none')} />
      )}
      {out.length > 0 && (
        <ReferralTable
          items={out}
          caption={t('referrals.outgoingCaption')}
          onDone={setDone}
          showPerson={false}
        />
      )}
      {inc.length > 0 && (
        <ReferralTable
          items={inc}
          caption={t('referrals.incomingCaption')}
          onDone={setDone}
          showPerson={false}
        />
      )}
    </>
  );
}
