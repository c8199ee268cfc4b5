import {
  REFERRAL_TRANSITIONS,
  referralActionsFrom,
  type Referral,
  type ReferralAction,
} from '@trama/contracts';
import { Badge, Button, Table } from 'design-react-kit';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { TextAreaField } from '../../components/fields';
import { ErrorAlert } from '../../components/feedback';
import { formatDate } from '../../i18n/format';
import { useReferralTransition } from './referrals.queries';

const STATE_COLORS: Record<Referral['state'], string> = {
  proposed: 'warning',
  accepted: 'success',
  rejected: 'danger',
  revoked: 'secondary',
  done: 'secondary',
};

export function ReferralStateBadge({ state }: { state: Referral['state'] }) {
  const { t } = useTranslation();
  return <Badge color={STATE_COLORS[state]}>{t(`referrals.states.${state}`)}</Badge>;
}

function ReferralActions({ referral, onDone }: { referral: Referral; onDone: (msg: string) => void }) {
  const { t } = useTranslation();
  const transition = useReferralTransition();
  const [open, setOpen] = useState<ReferralAction | null>(null);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  // The shared state machine decides which actions this side may take from the current state.
  const actions = referralActionsFrom(referral.state, referral.side);
  if (actions.length === 0) return null;
  const needsReason = (a: ReferralAction) =>
    (REFERRAL_TRANSITIONS[a].guards as readonly string[]).includes('reason_required');

  function run(a: ReferralAction) {
    if (needsReason(a) && reason.trim().length === 0) {
      setMissing(true);
      return;
    }
    setMissing(false);
    transition.mutate(
      { id: referral.id, action: a, reason: reason.trim() || null },
      {
        onSuccess: () => {
          setOpen(null);
          setReason('');
          onDone(t(`referrals.done.${a}`));
        },
      },
    );
  }

  return (
    <div>
      <div className="d-flex flex-wrap gap-1">
        {actions.map((a) =>
          needsReason(a) ? (
            <Button
              key={a}
              size="sm"
              color="secondary"
              outline
              aria-expanded={open === a}
              onClick={() => setOpen(open === a ? null : a)}
            >
              {t(`referrals.actions.${a}`)}
            </Button>
          ) : (
            <Button key={a} size="sm" color="primary" disabled={transition.isPending} onClick={() => run(a)}>
              {t(`referrals.actions.${a}`)}
            </Button>
          ),
        )}
      </div>
      {open && (
        <form
          className="mt-2"
          onSubmit={(e) => {
            e.preventDefault();
            run(open);
          }}
        >
          <TextAreaField
            id={`referral-reason-${referral.id}`}
            label={t('referrals.reasonFor', { action: t(`referrals.actions.${open}`) })}
            value={reason}
            onChange={setReason}
            rows={2}
            required
            error={missing ? { field: 'reason', code: 'required', message: '' } : undefined}
          />
          <Button size="sm" color="primary" type="submit" disabled={transition.isPending}>
            {t('referrals.confirm', { action: t(`referrals.actions.${open}`) })}
          </Button>
        </form>
      )}
      <ErrorAlert error={transition.error} />
    </div>
  );
}

/** Referrals as a table: from/to, person (once visible), reason, what is shared, state, actions. */
export function ReferralTable({
  items,
  caption,
  onDone,
  showPerson = true,
}: {
  items: Referral[];
  caption: string;
  onDone: (msg: string) => void;
  showPerson?: boolean;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Table responsive data-testid="referrals">
      <caption className="caption-top">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('referrals.fields.createdAt')}</th>
          <th scope="col">{t('referrals.fields.organization')}</th>
          {showPerson && <th scope="col">{t('referrals.fields.person')}</th>}
          <th scope="col">{t('referrals.fields.reason')}</th>
          <th scope="col">{t('referrals.fields.shared')}</th>
          <th scope="col">{t('referrals.fields.state')}</th>
          <th scope="col">{t('referrals.fields.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((r) => (
          <tr key={r.id} data-testid="referral-row">
            <th scope="row" className="fw-normal">
              {formatDate(r.createdAt, i18n.language)}
            </th>
            <td>
              {r.side === 'sender'
                ? t('referrals.to', { name: r.toOrganizationName })
                : t('referrals.from', { name: r.fromOrganizationName })}
            </td>
            {showPerson && (
              <td>
                {r.person ? (
                  <Link to={`/people/${r.person.id}`}>
                    {[r.person.lastName, r.person.firstName].filter(Boolean).join(' ') ||
                      t('referrals.personNotShared')}
                  </Link>
                ) : (
                  <span className="small">{t('referrals.personHidden')}</span>
                )}
              </td>
            )}
            <td>
              {r.reason}
              {r.decisionReason && (
                <div className="small">
                  {t('referrals.decision')}: {r.decisionReason}
                </div>
              )}
            </td>
            <td className="small">{r.sharedSections.map((s) => t(`people.sections.${s}`)).join(', ')}</td>
            <td>
              <ReferralStateBadge state={r.state} />
              {r.state === 'accepted' && r.side === 'sender' && (
                <div className="small">{t('referrals.handover', { days: r.handoverDays })}</div>
              )}
            </td>
            <td>
              <ReferralActions referral={r} onDone={onDone} />
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
