import {
  ATTENDANCE_STATUSES,
  GROUP_ACTION_KINDS,
  GroupActionInput,
  SessionInput,
  type AttendanceStatus,
  type GroupAction,
} from '@trama/contracts';
import { Button } from 'design-react-kit';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Combobox, type ComboboxOption } from '../../components/combobox';
import { SelectField, TextField } from '../../components/fields';
import { EmptyState, ErrorAlert, Loading } from '../../components/feedback';
import { FormErrors, submitValidated } from '../../components/form-errors';
import { optionalNumber, validate, type FieldErrors } from '../../components/validate';
import {
  searchOrganizations,
  useActions,
  useAddSession,
  useCohort,
  useCreateAction,
  useRecordAttendance,
} from './crises.queries';

const searchProviders = searchOrganizations();

function NewActionForm({ crisisId }: { crisisId: string }) {
  const { t } = useTranslation();
  const create = useCreateAction(crisisId);
  const [kind, setKind] = useState('');
  const [title, setTitle] = useState('');
  const [startsOn, setStartsOn] = useState('');
  const [endsOn, setEndsOn] = useState('');
  const [hours, setHours] = useState('');
  const [provider, setProvider] = useState<ComboboxOption | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const labels: Record<string, string> = {
    kind: t('crises.actions.kind'),
    title: t('crises.actions.actionTitle'),
    startsOn: t('crises.actions.startsOn'),
    endsOn: t('crises.actions.endsOn'),
    hours: t('crises.actions.hours'),
    providerOrganizationId: t('crises.actions.provider'),
  };
  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const v = validate(GroupActionInput, {
      kind,
      title,
      startsOn,
      endsOn,
      hours: optionalNumber(hours),
      providerOrganizationId: provider?.value ?? '',
    });
    await submitValidated(v, setErrors, async (data) => {
      await create.mutateAsync(data);
      setKind('');
      setTitle('');
      setStartsOn('');
      setEndsOn('');
      setHours('');
      setProvider(null);
    });
  }
  return (
    <form onSubmit={onSubmit} noValidate className="mb-5" aria-labelledby="new-action-title">
      <h3 id="new-action-title" className="h5">
        {t('crises.actions.new')}
      </h3>
      <FormErrors errors={errors} labels={labels} error={create.error} />
      <div className="row">
        <div className="col-12 col-md-6">
          <SelectField
            id="kind"
            label={labels.kind!}
            value={kind}
            onChange={setKind}
            placeholder={t('crises.create.choose')}
            options={GROUP_ACTION_KINDS.map((k) => ({ value: k, label: t(`crises.kinds.${k}`) }))}
            required
            error={errors.kind}
          />
        </div>
        <div className="col-12 col-md-6">
          <TextField
            id="title"
            label={labels.title!}
            value={title}
            onChange={setTitle}
            required
            error={errors.title}
          />
        </div>
        <div className="col-12 col-md-4">
          <TextField
            id="startsOn"
            type="date"
            label={labels.startsOn!}
            value={startsOn}
            onChange={setStartsOn}
            required
            error={errors.startsOn}
          />
        </div>
        <div className="col-12 col-md-4">
          <TextField
            id="endsOn"
            type="date"
            label={labels.endsOn!}
            value={endsOn}
            onChange={setEndsOn}
            required
            error={errors.endsOn}
          />
        </div>
        <div className="col-12 col-md-4">
          <TextField
            id="hours"
            inputMode="numeric"
            label={labels.hours!}
            value={hours}
            onChange={setHours}
            required
            error={errors.hours}
          />
        </div>
        <div className="col-12">
          <Combobox
            id="providerOrganizationId"
            label={labels.providerOrganizationId!}
            value={provider}
            onChange={setProvider}
            queryKey={['organizations', 'lookup', 'any']}
            search={searchProviders}
            required
            error={errors.providerOrganizationId}
          />
        </div>
      </div>
      <Button type="submit" color="primary" disabled={create.isPending}>
        {t('crises.actions.create')}
      </Button>
    </form>
  );
}

function NewSessionForm({ crisisId, action }: { crisisId: string; action: GroupAction }) {
  const { t } = useTranslation();
  const add = useAddSession(crisisId);
  const [heldOn, setHeldOn] = useState('');
  const [hours, setHours] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const prefix = `session-${action.id}`;
  const labels: Record<string, string> = {
    heldOn: t('crises.actions.heldOn'),
    hours: t('crises.actions.sessionHours'),
  };
  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const v = validate(SessionInput, { heldOn, hours: optionalNumber(hours) });
    await submitValidated(v, setErrors, async (data) => {
      await add.mutateAsync({ actionId: action.id, ...data });
      setHeldOn('');
      setHours('');
    });
  }
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="row align-items-end"
      aria-label={t('crises.actions.addSession')}
    >
      <div className="col-12 col-md-4">
        <TextField
          id={`${prefix}-heldOn`}
          type="date"
          label={labels.heldOn!}
          value={heldOn}
          onChange={setHeldOn}
          required
          error={errors.heldOn}
        />
      </div>
      <div className="col-12 col-md-4">
        <TextField
          id={`${prefix}-hours`}
          inputMode="numeric"
          label={labels.hours!}
          value={hours}
          onChange={setHours}
          required
          error={errors.hours}
        />
      </div>
      <div className="col-12 col-md-4 mb-4">
        <Button type="submit" color="primary" outline disabled={add.isPending}>
          {t('crises.actions.addSession')}
        </Button>
      </div>
      <div className="col-12">
        <ErrorAlert error={add.error && !Object.keys(errors).length ? add.error : null} />
      </div>
    </form>
  );
}

function AttendanceForm({
  crisisId,
  action,
  session,
}: {
  crisisId: string;
  action: GroupAction;
  session: GroupAction['sessions'][number];
}) {
  const { t } = useTranslation();
  const cohort = useCohort(crisisId, true);
  const record = useRecordAttendance(crisisId);
  const members = cohort.data?.pages.flatMap((p) => p.items) ?? [];
  const initial = Object.fromEntries(session.attendance.map((a) => [a.personId, a.status]));
  const [values, setValues] = useState<Record<string, string>>(initial);
  const [saved, setSaved] = useState(false);
  if (members.length === 0) return null;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        const entries = Object.entries(values)
          .filter(([, s]) => s)
          .map(([personId, status]) => ({ personId, status: status as AttendanceStatus }));
        if (!entries.length) return;
        record.mutate(
          { actionId: action.id, sessionId: session.id, entries },
          { onSuccess: () => setSaved(true) },
        );
      }}
    >
      <fieldset>
        <legend className="h6">{t('crises.actions.attendanceOf', { date: session.heldOn })}</legend>
        <div className="row">
          {members.map((m) => (
            <div className="col-12 col-md-6 col-lg-4" key={m.personId}>
              <SelectField
                id={`att-${session.id}-${m.personId}`}
                label={`${m.lastName} ${m.firstName}`}
                value={values[m.personId] ?? ''}
                onChange={(v) => {
                  setSaved(false);
                  setValues((prev) => ({ ...prev, [m.personId]: v }));
                }}
                placeholder={t('crises.actions.notRecorded')}
                options={ATTENDANCE_STATUSES.map((s) => ({ value: s, label: t(`crises.attendance.${s}`) }))}
              />
            </div>
          ))}
        </div>
      </fieldset>
      <Button type="submit" color="primary" size="sm" disabled={record.isPending}>
        {t('crises.actions.saveAttendance')}
      </Button>
      <div role="status" aria-live="polite" className="mt-2">
        {saved ? t('crises.actions.attendanceSaved') : null}
      </div>
      <ErrorAlert error={record.error} />
    </form>
  );
}

/** Group actions (outplacement, skills analysis, group training, job club) with sessions and attendance. */
export function ActionsTab({ crisisId, manage }: { crisisId: string; manage: boolean }) {
  const { t } = useTranslation();
  const actions = useActions(crisisId, true);
  const items = actions.data?.items ?? [];
  return (
    <section aria-labelledby="actions-title">
      <h2 id="actions-title" className="h3">
        {t('crises.actions.title')}
      </h2>
      {manage && <NewActionForm crisisId={crisisId} />}
      {actions.isPending && <Loading />}
      <ErrorAlert error={actions.error} />
      {actions.isSuccess && items.length === 0 && <EmptyState title={t('crises.actions.none')} />}
      {items.map((a) => (
        <article
          key={a.id}
          className="card-wrapper mb-4 border p-3"
          aria-labelledby={`action-${a.id}`}
          data-testid="group-action"
        >
          <h3 id={`action-${a.id}`} className="h5">
            {a.title} <span className="badge bg-secondary">{t(`crises.kinds.${a.kind}`)}</span>
          </h3>
          <p>
            {t('crises.actions.summary', {
              from: a.startsOn,
              to: a.endsOn,
              hours: a.hours,
              provider: a.providerName,
            })}
          </p>
          {a.sessions.length === 0 ? (
            <p>{t('crises.actions.noSessions')}</p>
          ) : (
            <div
              className="table-responsive"
              tabIndex={0}
              role="region"
              aria-label={t('crises.actions.sessionsCaption', { title: a.title })}
            >
              <table className="table table-sm">
                <caption>{t('crises.actions.sessionsCaption', { title: a.title })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('crises.actions.heldOn')}</th>
                    <th scope="col">{t('crises.actions.sessionHours')}</th>
                    <th scope="col">{t('crises.attendance.present')}</th>
                    <th scope="col">{t('crises.attendance.absent')}</th>
                    <th scope="col">{t('crises.attendance.justified')}</th>
                  </tr>
                </thead>
                <tbody>
                  {a.sessions.map((s) => (
                    <tr key={s.id}>
                      <td>{s.heldOn}</td>
                      <td>{s.hours}</td>
                      <td>{s.present}</td>
                      <td>{s.absent}</td>
                      <td>{s.justified}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {manage && (
            <>
              {a.sessions.map((s) => (
                <details key={s.id} className="mb-3">
                  <summary>{t('crises.actions.recordAttendance', { date: s.heldOn })}</summary>
                  <AttendanceForm crisisId={crisisId} action={a} session={s} />
                </details>
              ))}
              <NewSessionForm crisisId={crisisId} action={a} />
            </>
          )}
        </article>
      ))}
    </section>
  );
}
