import {
  APPOINTMENT_CHANNELS,
  APPOINTMENT_OUTCOMES,
  AppointmentInput,
  LIMITS,
  isPathwayOpen,
} from '@trama/contracts';
import { Badge, Button, Table } from 'design-react-kit';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { SelectField, TextField } from '../../components/fields';
import { EmptyState, ErrorAlert, ErrorSummary, Loading } from '../../components/feedback';
import { validate, type FieldErrors } from '../../components/validate';
import { formatDateTime } from '../../i18n/format';
import { DateTimeField, Done, nowLocalInput } from './pathway-ui';
import {
  useAppointments,
  useProgramme,
  useRecordOutcome,
  useScheduleAppointment,
  type AppointmentData,
  type Pathway,
} from './pathways.queries';

const NOTIFICATION_CHANNELS = ['email', 'sms', 'letter', 'in_person', 'phone'] as const;

function ScheduleForm({
  pathway,
  minNoticeHours,
  onDone,
  onCancel,
}: {
  pathway: Pathway;
  minNoticeHours: number;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const schedule = useScheduleAppointment(pathway.id);
  const [s, setS] = useState({
    scheduledAt: nowLocalInput((minNoticeHours + 24) * 60),
    durationMinutes: '60',
    channel: 'in_person',
    purpose: '',
    location: '',
    notificationChannel: 'email',
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const set = (k: keyof typeof s, v: string) => setS((p) => ({ ...p, [k]: v }));
  const labels = {
    scheduledAt: t('pathways.appointments.scheduledAt'),
    durationMinutes: t('pathways.appointments.duration'),
    channel: t('pathways.appointments.channel'),
    purpose: t('pathways.appointments.purpose'),
    location: t('pathways.appointments.location'),
    notificationChannel: t('pathways.appointments.notificationChannel'),
  };

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const when = s.scheduledAt ? new Date(s.scheduledAt) : null;
    const local: FieldErrors = {};
    if (when && !Number.isNaN(when.getTime()) && when.getTime() < Date.now() + minNoticeHours * 3_600_000)
      local.scheduledAt = {
        field: 'scheduledAt',
        code: 'notice_too_short',
        message: '',
        params: { hours: minNoticeHours },
      };
    const v = validate(AppointmentInput, {
      scheduledAt: when && !Number.isNaN(when.getTime()) ? when.toISOString() : '',
      durationMinutes: Number(s.durationMinutes),
      channel: s.channel,
      purpose: s.purpose,
      location: s.location.trim() || null,
      notificationChannel: s.notificationChannel,
    });
    if (!v.ok || Object.keys(local).length) {
      setErrors({ ...(v.ok ? {} : v.errors), ...local });
      return;
    }
    setErrors({});
    try {
      await schedule.mutateAsync(v.data);
      onDone();
    } catch (err) {
      if (isApiError(err) && err.errors.length) {
        const fe = err.fieldErrors();
        if (fe.scheduledAt?.code === 'notice_too_short')
          fe.scheduledAt = { ...fe.scheduledAt, params: { hours: minNoticeHours } };
        setErrors(fe);
      }
    }
  }

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="card card-bg p-4 mb-4"
      aria-labelledby="schedule-title"
      data-testid="appointment-form"
    >
      <h3 id="schedule-title" className="h5">
        {t('pathways.appointments.new')}
      </h3>
      <p className="small">{t('pathways.appointments.noticeRule', { hours: minNoticeHours })}</p>
      <ErrorSummary errors={errors} labels={labels} />
      {Object.keys(errors).length === 0 && <ErrorAlert error={schedule.error} />}
      <div className="row">
        <div className="col-12 col-md-6">
          <DateTimeField
            id="scheduledAt"
            label={labels.scheduledAt}
            value={s.scheduledAt}
            onChange={(v) => set('scheduledAt', v)}
            error={errors.scheduledAt}
            required
          />
        </div>
        <div className="col-12 col-md-6">
          <TextField
            id="durationMinutes"
            label={labels.durationMinutes}
            value={s.durationMinutes}
            onChange={(v) => set('durationMinutes', v)}
            inputMode="numeric"
            maxLength={3}
            error={errors.durationMinutes}
            required
          />
        </div>
        <div className="col-12 col-md-6">
          <TextField
            id="purpose"
            label={labels.purpose}
            value={s.purpose}
            onChange={(v) => set('purpose', v)}
            maxLength={LIMITS.name}
            error={errors.purpose}
            required
          />
        </div>
        <div className="col-12 col-md-6">
          <TextField
            id="location"
            label={labels.location}
            value={s.location}
            onChange={(v) => set('location', v)}
            maxLength={LIMITS.name}
            error={errors.location}
          />
        </div>
        <div className="col-12 col-md-6">
          <SelectField
            id="channel"
            label={labels.channel}
            value={s.channel}
            onChange={(v) => set('channel', v)}
            options={APPOINTMENT_CHANNELS.map((c) => ({
              value: c,
              label: t(`pathways.appointments.channels.${c}`),
            }))}
            error={errors.channel}
          />
        </div>
        <div className="col-12 col-md-6">
          <SelectField
            id="notificationChannel"
            label={labels.notificationChannel}
            value={s.notificationChannel}
            onChange={(v) => set('notificationChannel', v)}
            options={NOTIFICATION_CHANNELS.map((c) => ({
              value: c,
              label: t(`pathways.appointments.notificationChannels.${c}`),
            }))}
            error={errors.notificationChannel}
          />
        </div>
      </div>
      <div className="d-flex gap-2">
        <Button color="primary" type="submit" disabled={schedule.isPending}>
          {schedule.isPending ? t('common.saving') : t('pathways.appointments.submit')}
        </Button>
        <Button color="secondary" outline type="button" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}

function OutcomeForm({ pathwayId, appointment }: { pathwayId: string; appointment: AppointmentData }) {
  const { t } = useTranslation();
  const record = useRecordOutcome(pathwayId);
  const [outcome, setOutcome] = useState('');
  const [note, setNote] = useState('');
  const id = `outcome-${appointment.id}`;
  return (
    <form
      className="d-flex flex-wrap align-items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        if (!outcome) return;
        record.mutate({
          appointmentId: appointment.id,
          outcome: outcome as (typeof APPOINTMENT_OUTCOMES)[number],
          note: note.trim() || null,
        });
      }}
    >
      <SelectField
        id={id}
        label={t('pathways.appointments.outcome')}
        value={outcome}
        onChange={setOutcome}
        placeholder={t('people.form.choose')}
        options={APPOINTMENT_OUTCOMES.map((o) => ({
          value: o,
          label: t(`pathways.appointments.outcomes.${o}`),
        }))}
        required
      />
      <TextField
        id={`${id}-note`}
        label={t('pathways.appointments.outcomeNote')}
        value={note}
        onChange={setNote}
        maxLength={LIMITS.longText}
      />
      <Button
        color="primary"
        size="sm"
        type="submit"
        className="mb-4"
        disabled={!outcome || record.isPending}
      >
        {t('pathways.appointments.recordOutcome')}
      </Button>
      <ErrorAlert error={record.error} />
    </form>
  );
}

/** Convocations with the programme's notice rule; outcomes of past ones. */
export function AppointmentsTab({ pathway, canManage }: { pathway: Pathway; canManage: boolean }) {
  const { t, i18n } = useTranslation();
  const list = useAppointments(pathway.id);
  const programme = useProgramme(pathway.programmeId);
  const [scheduling, setScheduling] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const items = list.data?.items ?? [];
  const open = isPathwayOpen(pathway.state);
  const now = Date.now();

  return (
    <>
      <div className="d-flex flex-wrap justify-content-between align-items-start gap-2">
        <h2 className="h3">{t('pathways.appointments.title')}</h2>
        {canManage && open && !scheduling && (
          <Button
            color="primary"
            onClick={() => {
              setDone(null);
              setScheduling(true);
            }}
          >
            {t('pathways.appointments.new')}
          </Button>
        )}
      </div>
      <Done message={done} testId="appointment-done" />
      {scheduling && programme.data && (
        <ScheduleForm
          pathway={pathway}
          minNoticeHours={programme.data.minNoticeHours}
          onCancel={() => setScheduling(false)}
          onDone={() => {
            setScheduling(false);
            setDone(t('pathways.appointments.scheduled'));
          }}
        />
      )}
      {list.isPending && <Loading />}
      <ErrorAlert error={list.error} />
      {list.isSuccess && items.length === 0 && <EmptyState title={t('pathways.appointments.none')} />}
      {items.length > 0 && (
        <Table responsive data-testid="appointments">
          <caption className="caption-top">{t('pathways.appointments.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('pathways.appointments.scheduledAt')}</th>
              <th scope="col">{t('pathways.appointments.purpose')}</th>
              <th scope="col">{t('pathways.appointments.channel')}</th>
              <th scope="col">{t('pathways.appointments.notifiedAt')}</th>
              <th scope="col">{t('pathways.appointments.outcome')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((a) => {
              const past = new Date(a.scheduledAt).getTime() <= now;
              return (
                <tr key={a.id}>
                  <th scope="row" className="fw-normal">
                    {formatDateTime(a.scheduledAt, i18n.language)}
                  </th>
                  <td>
                    {a.purpose}
                    {a.location && <div className="small">{a.location}</div>}
                  </td>
                  <td>{t(`pathways.appointments.channels.${a.channel}`)}</td>
                  <td>
                    {formatDateTime(a.notifiedAt, i18n.language)}
                    <div className="small">
                      {t(`pathways.appointments.notificationChannels.${a.notificationChannel}`)}
                    </div>
                  </td>
                  <td>
                    {a.outcome ? (
                      <>
                        <Badge
                          color={
                            a.outcome === 'missed'
                              ? 'danger'
                              : a.outcome === 'attended'
                                ? 'success'
                                : 'warning'
                          }
                        >
                          {t(`pathways.appointments.outcomes.${a.outcome}`)}
                        </Badge>
                        {a.outcomeNote && <div className="small">{a.outcomeNote}</div>}
                      </>
                    ) : past && canManage ? (
                      <>
                        <Badge color="warning" className="mb-2">
                          {t('pathways.appointments.outcomeMissing')}
                        </Badge>
                        <OutcomeForm pathwayId={pathway.id} appointment={a} />
                      </>
                    ) : (
                      <span>
                        {past
                          ? t('pathways.appointments.outcomeMissing')
                          : t('pathways.appointments.upcoming')}
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      )}
    </>
  );
}
