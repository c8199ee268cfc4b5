import {
  DeliveryInput,
  LIMITS,
  PlanLineUpsert,
  VoucherInput,
  amountCents,
  canPathwayTransition,
  type CatalogueLine,
} from '@trama/contracts';
import { Alert, Badge, Button, Table } from 'design-react-kit';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { CheckboxField, SelectField, TextField } from '../../components/fields';
import { EmptyState, ErrorAlert, ErrorSummary, Loading } from '../../components/feedback';
import { validate, type FieldErrors } from '../../components/validate';
import { formatDate, formatDateTime } from '../../i18n/format';
import { useMe } from '../auth/auth.queries';
import { Detail, Done, todayIso } from '../pathways/pathway-ui';
import { useMembers, useProgramme, type Pathway } from '../pathways/pathways.queries';
import { formatCents, formatUnits, parseDecimal } from './money';
import {
  useDeliveries,
  useIssueVoucher,
  useRecordDelivery,
  useRejectDelivery,
  useUpsertPlanLine,
  useValidateDelivery,
  useVoucher,
  type Delivery,
  type PlanLineData,
  type Voucher,
} from './vouchers.queries';

/**
 * The refusal the issue asks to be unmistakable: the budget of the voucher can never be exceeded.
 * Says what was asked, what is left, and that nothing changed.
 */
function BudgetExceeded({ requested, remaining }: { requested: number | null; remaining: number | null }) {
  const { t, i18n } = useTranslation();
  return (
    <Alert fade={false} color="danger" role="alert" data-testid="budget-exceeded">
      <p className="fw-semibold mb-1">{t('vouchers.budgetExceeded.title')}</p>
      <p className="mb-0">
        {requested !== null && remaining !== null
          ? t('vouchers.budgetExceeded.detail', {
              requested: formatCents(requested, i18n.language),
              remaining: formatCents(remaining, i18n.language),
            })
          : t('errors.vouchers.budget_exceeded')}
      </p>
    </Alert>
  );
}

const isBudgetExceeded = (e: unknown) => isApiError(e) && e.code === 'vouchers.budget_exceeded';

function unitLabel(t: (k: string, o?: Record<string, unknown>) => string, unit: string) {
  return t(`vouchers.units.${unit}`);
}

// Issuing --------------------------------------------------------------------------------------

function IssueVoucherForm({ pathway, onDone }: { pathway: Pathway; onDone: (v: Voucher) => void }) {
  const { t, i18n } = useTranslation();
  const programme = useProgramme(pathway.programmeId);
  const issue = useIssueVoucher(pathway.id);
  const [units, setUnits] = useState<Record<string, string>>({});
  const [endDate, setEndDate] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  if (programme.isPending) return <Loading />;
  if (!programme.data) return <ErrorAlert error={programme.error} />;
  const band = programme.data.bands.find((b) => b.band === pathway.intensityBand);
  const lines = programme.data.catalogue.filter((l) => l.active);
  const planned = lines.reduce((sum, l) => {
    const u = parseDecimal(units[l.id] ?? '');
    return sum + (Number.isFinite(u) && u > 0 ? amountCents(u, l.unitCostCents) : 0);
  }, 0);
  const overCap = band ? planned > band.capCents : false;

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const plan = lines
      .filter((l) => (units[l.id] ?? '').trim() !== '')
      .map((l) => ({ catalogueLineId: l.id, plannedUnits: parseDecimal(units[l.id]!) }));
    const v = validate(VoucherInput, { pathwayId: pathway.id, endDate: endDate || undefined, plan });
    if (!v.ok) {
      // plan.N.plannedUnits -> the line's field
      const mapped: FieldErrors = {};
      for (const [k, fe] of Object.entries(v.errors)) {
        const m = /^plan\.(\d+)\.plannedUnits$/.exec(k);
        const key = m ? `plan-${plan[Number(m[1])]!.catalogueLineId}` : k;
        mapped[key] = { ...fe, field: key };
      }
      setErrors(mapped);
      return;
    }
    setErrors({});
    try {
      onDone(await issue.mutateAsync(v.data));
    } catch (err) {
      if (isApiError(err) && err.errors.length) setErrors(err.fieldErrors());
    }
  }

  const labels: Record<string, string> = { endDate: t('vouchers.issue.endDate') };
  for (const l of lines) labels[`plan-${l.id}`] = t('vouchers.issue.unitsOf', { line: l.name });

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="card card-bg p-4 mb-4"
      aria-labelledby="issue-title"
      data-testid="issue-voucher-form"
    >
      <h3 id="issue-title" className="h5">
        {t('vouchers.issue.title')}
      </h3>
      {band ? (
        <p>
          {t('vouchers.issue.band', {
            band: band.band,
            name: band.name,
            cap: formatCents(band.capCents, i18n.language),
            months: band.durationMonths,
          })}
        </p>
      ) : (
        <p className="alert alert-warning">{t('vouchers.issue.noBand')}</p>
      )}
      {programme.data.illustrative && <p className="small">{t('vouchers.issue.illustrative')}</p>}
      <ErrorSummary errors={errors} labels={labels} />
      {Object.keys(errors).length === 0 && <ErrorAlert error={issue.error} />}
      <TextField
        id="endDate"
        type="date"
        label={labels.endDate!}
        hint={t('vouchers.issue.endDateHint')}
        value={endDate}
        onChange={setEndDate}
        error={errors.endDate}
      />
      <Table responsive>
        <caption className="caption-top">{t('vouchers.issue.planCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('vouchers.plan.service')}</th>
            <th scope="col">{t('vouchers.plan.mode')}</th>
            <th scope="col" className="text-end">
              {t('vouchers.plan.unitCost')}
            </th>
            <th scope="col" className="text-end">
              {t('vouchers.plan.max')}
            </th>
            <th scope="col">{t('vouchers.issue.plannedUnits')}</th>
            <th scope="col" className="text-end">
              {t('vouchers.plan.plannedAmount')}
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l: CatalogueLine) => {
            const u = parseDecimal(units[l.id] ?? '');
            const amount = Number.isFinite(u) && u > 0 ? amountCents(u, l.unitCostCents) : 0;
            const id = `plan-${l.id}`;
            return (
              <tr key={l.id}>
                <th scope="row" className="fw-normal">
                  <span className="font-monospace small">{l.code}</span> {l.name}
                </th>
                <td>{t(`vouchers.paymentModes.${l.paymentMode}`)}</td>
                <td className="text-end">
                  {formatCents(l.unitCostCents, i18n.language)} / {unitLabel(t, l.unit)}
                </td>
                <td className="text-end">{l.maxUnitsPerVoucher}</td>
                <td>
                  <label className="visually-hidden" htmlFor={id}>
                    {labels[id]}
                  </label>
                  <input
                    id={id}
                    className={`form-control form-control-sm${errors[id] ? ' is-invalid' : ''}`}
                    inputMode="decimal"
                    value={units[l.id] ?? ''}
                    onChange={(e) => setUnits((p) => ({ ...p, [l.id]: e.target.value }))}
                    aria-invalid={errors[id] ? true : undefined}
                    aria-describedby={errors[id] ? `${id}-error` : undefined}
                    size={6}
                  />
                  {errors[id] && (
                    <div id={`${id}-error`} className="invalid-feedback d-block">
                      {t(`validation.${errors[id]!.code}`, { defaultValue: t('validation.invalid') })}
                    </div>
                  )}
                </td>
                <td className="text-end">{formatCents(amount, i18n.language)}</td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={5}>
              {t('vouchers.issue.totalPlanned')}
            </th>
            <td className="text-end fw-semibold" aria-live="polite" data-testid="planned-total">
              {formatCents(planned, i18n.language)}
              {band && <> / {formatCents(band.capCents, i18n.language)}</>}
            </td>
          </tr>
        </tfoot>
      </Table>
      {overCap && (
        <p className="text-danger fw-semibold" role="alert">
          {t('vouchers.issue.overCap')}
        </p>
      )}
      <div>
        <Button color="primary" type="submit" disabled={issue.isPending || overCap || !band}>
          {issue.isPending ? t('common.saving') : t('vouchers.issue.submit')}
        </Button>
      </div>
    </form>
  );
}

// Ledger ---------------------------------------------------------------------------------------

function Ledger({ voucher }: { voucher: Voucher }) {
  const { t, i18n } = useTranslation();
  const l = voucher.ledger;
  const money = (c: number) => formatCents(c, i18n.language);
  const pct = l.capCents ? Math.min(100, Math.round((l.validatedCents / l.capCents) * 100)) : 0;
  return (
    <section aria-labelledby="ledger-title" className="mb-4" data-testid="ledger">
      <h3 id="ledger-title" className="h5">
        {t('vouchers.ledger.title')}
      </h3>
      <dl className="row trama-ledger">
        <Detail label={t('vouchers.ledger.cap')}>
          <span data-testid="ledger-cap">{money(l.capCents)}</span>
        </Detail>
        <Detail label={t('vouchers.ledger.planned')}>
          <span data-testid="ledger-planned">{money(l.plannedCents)}</span>
        </Detail>
        <Detail label={t('vouchers.ledger.delivered')}>
          <span data-testid="ledger-delivered">{money(l.deliveredCents)}</span>
          {l.pendingCents > 0 && (
            <span className="small">
              {' '}
              ({t('vouchers.ledger.pending', { amount: money(l.pendingCents) })})
            </span>
          )}
        </Detail>
        <Detail label={t('vouchers.ledger.validated')}>
          <span data-testid="ledger-validated">{money(l.validatedCents)}</span>
        </Detail>
        <Detail label={t('vouchers.ledger.remaining')}>
          <strong data-testid="ledger-remaining">{money(l.remainingCents)}</strong>
        </Detail>
      </dl>
      <div className="progress" style={{ height: '0.75rem' }}>
        <div
          className={`progress-bar${pct >= 90 ? ' bg-warning' : ''}`}
          role="progressbar"
          style={{ width: `${pct}%` }}
          aria-valuenow={pct}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-label={t('vouchers.ledger.used', { pct })}
        />
      </div>
      <p className="small mt-1">{t('vouchers.ledger.used', { pct })}</p>
    </section>
  );
}

function PlanTable({
  voucher,
  pathwayId,
  canManage,
}: {
  voucher: Voucher;
  pathwayId: string;
  canManage: boolean;
}) {
  const { t, i18n } = useTranslation();
  const programme = useProgramme(voucher.programmeId);
  const upsert = useUpsertPlanLine(voucher.id, pathwayId);
  const [editing, setEditing] = useState(false);
  const [line, setLine] = useState('');
  const [units, setUnits] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const money = (c: number) => formatCents(c, i18n.language);
  const catalogue = (programme.data?.catalogue ?? []).filter((l) => l.active);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const v = validate(PlanLineUpsert, { catalogueLineId: line, plannedUnits: parseDecimal(units) });
    if (!v.ok) {
      setErrors(v.errors);
      return;
    }
    setErrors({});
    try {
      await upsert.mutateAsync(v.data);
      setEditing(false);
      setUnits('');
    } catch (err) {
      if (isApiError(err) && err.errors.length) setErrors(err.fieldErrors());
    }
  }

  return (
    <section aria-labelledby="plan-title" className="mb-4">
      <div className="d-flex flex-wrap justify-content-between gap-2">
        <h3 id="plan-title" className="h5">
          {t('vouchers.plan.title')}
        </h3>
        {canManage && voucher.status === 'active' && !editing && (
          <Button color="secondary" outline size="sm" onClick={() => setEditing(true)}>
            {t('vouchers.plan.change')}
          </Button>
        )}
      </div>
      {editing && (
        <form
          onSubmit={onSubmit}
          noValidate
          className="card card-bg p-3 mb-3"
          aria-label={t('vouchers.plan.change')}
        >
          {Object.keys(errors).length === 0 && <ErrorAlert error={upsert.error} />}
          <div className="row">
            <div className="col-12 col-md-7">
              <SelectField
                id="plan-line"
                label={t('vouchers.plan.service')}
                value={line}
                onChange={(v) => {
                  setLine(v);
                  const current = voucher.plan.find((p) => p.catalogueLineId === v);
                  setUnits(current ? String(current.plannedUnits) : '');
                }}
                placeholder={t('people.form.choose')}
                options={catalogue.map((l) => ({
                  value: l.id,
                  label: `${l.code} – ${l.name} (${money(l.unitCostCents)} / ${unitLabel(t, l.unit)})`,
                }))}
                error={errors.catalogueLineId}
                required
              />
            </div>
            <div className="col-12 col-md-5">
              <TextField
                id="plan-units"
                label={t('vouchers.issue.plannedUnits')}
                value={units}
                onChange={setUnits}
                inputMode="numeric"
                maxLength={8}
                error={errors.plannedUnits}
                required
              />
            </div>
          </div>
          <div className="d-flex gap-2">
            <Button color="primary" size="sm" type="submit" disabled={upsert.isPending}>
              {t('vouchers.plan.save')}
            </Button>
            <Button color="secondary" outline size="sm" type="button" onClick={() => setEditing(false)}>
              {t('common.cancel')}
            </Button>
          </div>
        </form>
      )}
      {voucher.plan.length === 0 ? (
        <EmptyState title={t('vouchers.plan.empty')} />
      ) : (
        <Table responsive data-testid="plan">
          <caption className="caption-top">{t('vouchers.plan.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('vouchers.plan.service')}</th>
              <th scope="col">{t('vouchers.plan.mode')}</th>
              <th scope="col" className="text-end">
                {t('vouchers.plan.planned')}
              </th>
              <th scope="col" className="text-end">
                {t('vouchers.plan.plannedAmount')}
              </th>
              <th scope="col" className="text-end">
                {t('vouchers.plan.delivered')}
              </th>
              <th scope="col" className="text-end">
                {t('vouchers.plan.validated')}
              </th>
              <th scope="col" className="text-end">
                {t('vouchers.plan.validatedAmount')}
              </th>
            </tr>
          </thead>
          <tbody>
            {voucher.plan.map((p) => (
              <tr key={p.id}>
                <th scope="row" className="fw-normal">
                  <span className="font-monospace small">{p.code}</span> {p.name}
                  <div className="small">
                    {money(p.unitCostCents)} / {unitLabel(t, p.unit)} ·{' '}
                    {t('vouchers.plan.maxN', { max: p.maxUnits })}
                  </div>
                </th>
                <td>{t(`vouchers.paymentModes.${p.paymentMode}`)}</td>
                <td className="text-end">{formatUnits(p.plannedUnits, i18n.language)}</td>
                <td className="text-end">{money(p.plannedCents)}</td>
                <td className="text-end">{formatUnits(p.deliveredUnits, i18n.language)}</td>
                <td className="text-end">{formatUnits(p.validatedUnits, i18n.language)}</td>
                <td className="text-end">{money(p.validatedCents)}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </section>
  );
}

// Deliveries -----------------------------------------------------------------------------------

function DeliveryForm({
  voucher,
  pathwayId,
  onDone,
}: {
  voucher: Voucher;
  pathwayId: string;
  onDone: (msg: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const record = useRecordDelivery(voucher.id, pathwayId);
  const lines = voucher.plan.filter((p) => p.paymentMode === 'per_unit');
  const [s, setS] = useState({
    planLineId: lines.length === 1 ? lines[0]!.id : '',
    deliveredOn: todayIso(),
    units: '',
    attendanceSigned: true,
    note: '',
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const line: PlanLineData | undefined = lines.find((l) => l.id === s.planLineId);
  const u = parseDecimal(s.units);
  const amount = line && Number.isFinite(u) && u > 0 ? amountCents(u, line.unitCostCents) : null;
  const labels = {
    planLineId: t('vouchers.delivery.line'),
    deliveredOn: t('vouchers.delivery.date'),
    units: t('vouchers.delivery.units'),
    note: t('vouchers.delivery.note'),
  };

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const v = validate(DeliveryInput, {
      planLineId: s.planLineId,
      deliveredOn: s.deliveredOn,
      units: s.units.trim() === '' ? undefined : u,
      attendanceSigned: s.attendanceSigned,
      note: s.note.trim() || null,
    });
    if (!v.ok) {
      setErrors(v.errors);
      return;
    }
    setErrors({});
    try {
      const d = await record.mutateAsync(v.data);
      setS((p) => ({ ...p, units: '', note: '' }));
      onDone(t('vouchers.delivery.recorded', { amount: formatCents(d.amountCents, i18n.language) }));
    } catch (err) {
      if (isApiError(err) && err.errors.length) setErrors(err.fieldErrors());
    }
  }

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="card card-bg p-4 mb-4"
      aria-labelledby="delivery-title"
      data-testid="delivery-form"
    >
      <h3 id="delivery-title" className="h5">
        {t('vouchers.delivery.title')}
      </h3>
      <p className="small">{t('vouchers.delivery.intro')}</p>
      <ErrorSummary errors={errors} labels={labels} />
      {isBudgetExceeded(record.error) ? (
        <BudgetExceeded requested={amount} remaining={voucher.ledger.remainingCents} />
      ) : (
        Object.keys(errors).length === 0 && <ErrorAlert error={record.error} />
      )}
      <div className="row">
        <div className="col-12 col-lg-6">
          <SelectField
            id="planLineId"
            label={labels.planLineId}
            value={s.planLineId}
            onChange={(v) => setS((p) => ({ ...p, planLineId: v }))}
            placeholder={t('people.form.choose')}
            options={lines.map((l) => ({
              value: l.id,
              label: `${l.code} – ${l.name} (${formatCents(l.unitCostCents, i18n.language)} / ${unitLabel(t, l.unit)})`,
            }))}
            error={errors.planLineId}
            required
          />
        </div>
        <div className="col-12 col-md-6 col-lg-3">
          <TextField
            id="deliveredOn"
            type="date"
            label={labels.deliveredOn}
            value={s.deliveredOn}
            onChange={(v) => setS((p) => ({ ...p, deliveredOn: v }))}
            error={errors.deliveredOn}
            required
          />
        </div>
        <div className="col-12 col-md-6 col-lg-3">
          <TextField
            id="units"
            label={labels.units}
            hint={
              amount !== null
                ? t('vouchers.delivery.amountPreview', { amount: formatCents(amount, i18n.language) })
                : line
                  ? t('vouchers.delivery.unitHint', { unit: unitLabel(t, line.unit) })
                  : undefined
            }
            value={s.units}
            onChange={(v) => setS((p) => ({ ...p, units: v }))}
            inputMode="text"
            maxLength={8}
            error={errors.units}
            required
          />
        </div>
        <div className="col-12">
          <TextField
            id="deliveryNote"
            label={labels.note}
            value={s.note}
            onChange={(v) => setS((p) => ({ ...p, note: v }))}
            maxLength={LIMITS.longText}
            error={errors.note}
          />
        </div>
        <div className="col-12 mb-3">
          <CheckboxField
            id="attendanceSigned"
            label={t('vouchers.delivery.attendanceSigned')}
            checked={s.attendanceSigned}
            onChange={(v) => setS((p) => ({ ...p, attendanceSigned: v }))}
          />
        </div>
      </div>
      <div>
        <Button color="primary" type="submit" disabled={record.isPending}>
          {record.isPending ? t('common.saving') : t('vouchers.delivery.submit')}
        </Button>
      </div>
    </form>
  );
}

function DeliveryRow({
  d,
  voucher,
  pathwayId,
  canManage,
  lineName,
  names,
  onDone,
  onBudgetRefusal,
}: {
  d: Delivery;
  voucher: Voucher;
  pathwayId: string;
  canManage: boolean;
  lineName: string;
  names: Map<string, string>;
  onDone: (msg: string) => void;
  onBudgetRefusal: (d: Delivery) => void;
}) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const validation = useValidateDelivery(voucher.id, pathwayId);
  const reject = useRejectDelivery(voucher.id, pathwayId);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const mine = d.recordedBy === me.data?.user.id;
  const statusColor = d.status === 'validated' ? 'success' : d.status === 'rejected' ? 'danger' : 'warning';
  const name = (id: string | null) => (id ? (names.get(id) ?? t('vouchers.delivery.colleague')) : '—');
  const what = `${lineName}, ${formatDate(d.deliveredOn, i18n.language)}`;
  const error = validation.error ?? reject.error;

  return (
    <tr data-testid="delivery-row" data-status={d.status}>
      <th scope="row" className="fw-normal">
        {formatDate(d.deliveredOn, i18n.language)}
      </th>
      <td>
        {lineName}
        {d.kind === 'result' && (
          <Badge color="info" className="ms-1">
            {t('vouchers.delivery.result')}
          </Badge>
        )}
      </td>
      <td className="text-end">{formatUnits(d.units, i18n.language)}</td>
      <td className="text-end">{formatCents(d.amountCents, i18n.language)}</td>
      <td>
        <Badge color={statusColor}>{t(`vouchers.delivery.status.${d.status}`)}</Badge>
        {!d.attendanceSigned && d.kind === 'service' && (
          <div className="small">{t('vouchers.delivery.attendanceMissing')}</div>
        )}
        {d.rejectionReason && <div className="small">{d.rejectionReason}</div>}
      </td>
      <td className="small">
        {t('vouchers.delivery.recordedBy', {
          who: mine ? t('vouchers.delivery.you') : name(d.recordedBy),
          when: formatDateTime(d.recordedAt, i18n.language),
        })}
        {d.validatedBy && (
          <div>
            {t('vouchers.delivery.validatedBy', {
              who: d.validatedBy === me.data?.user.id ? t('vouchers.delivery.you') : name(d.validatedBy),
            })}
          </div>
        )}
      </td>
      <td>
        {canManage && d.status === 'recorded' && (
          <>
            {mine ? (
              <span className="small">{t('vouchers.delivery.secondPerson')}</span>
            ) : (
              <div className="d-flex flex-wrap gap-1">
                <Button
                  color="primary"
                  size="sm"
                  disabled={validation.isPending}
                  aria-label={t('vouchers.delivery.validateWhat', { what })}
                  onClick={() =>
                    validation.mutate(d.id, {
                      onSuccess: (r) =>
                        onDone(
                          t('vouchers.delivery.validated', {
                            amount: formatCents(d.amountCents, i18n.language),
                            remaining: formatCents(r.ledger.remainingCents, i18n.language),
                          }),
                        ),
                      onError: (e) => {
                        if (isBudgetExceeded(e)) onBudgetRefusal(d);
                      },
                    })
                  }
                >
                  {t('vouchers.delivery.validate')}
                </Button>
                <Button
                  color="secondary"
                  outline
                  size="sm"
                  aria-label={t('vouchers.delivery.rejectWhat', { what })}
                  onClick={() => setRejecting((r) => !r)}
                  aria-expanded={rejecting}
                >
                  {t('vouchers.delivery.reject')}
                </Button>
              </div>
            )}
            {rejecting && (
              <form
                className="mt-2"
                onSubmit={(e) => {
                  e.preventDefault();
                  if (reason.trim().length < 2) return;
                  reject.mutate(
                    { deliveryId: d.id, reason: reason.trim() },
                    { onSuccess: () => onDone(t('vouchers.delivery.rejected')) },
                  );
                }}
              >
                <TextField
                  id={`reject-${d.id}`}
                  label={t('vouchers.delivery.rejectReason')}
                  value={reason}
                  onChange={setReason}
                  maxLength={LIMITS.longText}
                  required
                />
                <Button
                  color="danger"
                  size="sm"
                  type="submit"
                  disabled={reject.isPending || reason.trim().length < 2}
                >
                  {t('vouchers.delivery.confirmReject')}
                </Button>
              </form>
            )}
            {error && !isBudgetExceeded(error) && <ErrorAlert error={error} />}
          </>
        )}
      </td>
    </tr>
  );
}

function Deliveries({
  voucher,
  pathwayId,
  canManage,
  onDone,
}: {
  voucher: Voucher;
  pathwayId: string;
  canManage: boolean;
  onDone: (msg: string) => void;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const list = useDeliveries(voucher.id);
  const members = useMembers(me.data?.activeMembership.organizationId);
  const [refused, setRefused] = useState<Delivery | null>(null);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const names = new Map((members.data?.items ?? []).map((m) => [m.userId, m.displayName]));
  const lineName = (id: string) => voucher.plan.find((p) => p.id === id)?.name ?? '';

  return (
    <section aria-labelledby="deliveries-title" className="mb-4">
      <h3 id="deliveries-title" className="h5">
        {t('vouchers.delivery.listTitle')}
      </h3>
      <p className="small">{t('vouchers.delivery.secondPersonRule')}</p>
      {refused && (
        <BudgetExceeded requested={refused.amountCents} remaining={voucher.ledger.remainingCents} />
      )}
      {list.isPending && <Loading />}
      <ErrorAlert error={list.error} />
      {list.isSuccess && items.length === 0 && <EmptyState title={t('vouchers.delivery.none')} />}
      {items.length > 0 && (
        <Table responsive data-testid="deliveries">
          <caption className="caption-top">{t('vouchers.delivery.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('vouchers.delivery.date')}</th>
              <th scope="col">{t('vouchers.delivery.line')}</th>
              <th scope="col" className="text-end">
                {t('vouchers.delivery.units')}
              </th>
              <th scope="col" className="text-end">
                {t('vouchers.delivery.amount')}
              </th>
              <th scope="col">{t('vouchers.delivery.state')}</th>
              <th scope="col">{t('vouchers.delivery.who')}</th>
              <th scope="col">{t('vouchers.delivery.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((d) => (
              <DeliveryRow
                key={d.id}
                d={d}
                voucher={voucher}
                pathwayId={pathwayId}
                canManage={canManage}
                lineName={lineName(d.planLineId) || d.lineCode}
                names={names}
                onDone={(msg) => {
                  setRefused(null);
                  onDone(msg);
                }}
                onBudgetRefusal={setRefused}
              />
            ))}
          </tbody>
        </Table>
      )}
      {list.hasNextPage && (
        <Button
          color="primary"
          outline
          size="sm"
          onClick={() => list.fetchNextPage()}
          disabled={list.isFetchingNextPage}
        >
          {t('common.loadMore')}
        </Button>
      )}
    </section>
  );
}

/** The voucher (dote) of the pathway: issue it, its ledger, plan, deliveries and their validation. */
export function VoucherTab({ pathway, canManage }: { pathway: Pathway; canManage: boolean }) {
  const { t, i18n } = useTranslation();
  const voucher = useVoucher(pathway.voucherId);
  const [done, setDone] = useState<string | null>(null);
  const canIssue = canManage && !pathway.voucherId && canPathwayTransition(pathway.state, 'start_delivery');
  const v = voucher.data;

  return (
    <>
      <h2 className="h3">{t('vouchers.title')}</h2>
      <Done message={done} testId="voucher-done" />
      {!pathway.voucherId && !canIssue && (
        <EmptyState title={t('vouchers.noneTitle')}>
          <p className="mb-0">{t('vouchers.noneText')}</p>
        </EmptyState>
      )}
      {canIssue && (
        <IssueVoucherForm
          pathway={pathway}
          onDone={(iv) => setDone(t('vouchers.issue.done', { cap: formatCents(iv.capCents, i18n.language) }))}
        />
      )}
      {pathway.voucherId && voucher.isPending && <Loading />}
      <ErrorAlert error={voucher.error} />
      {v && (
        <>
          <dl className="row">
            <Detail label={t('vouchers.fields.programme')}>{v.programmeCode}</Detail>
            <Detail label={t('vouchers.fields.band')}>{t('pathways.bandN', { band: v.band })}</Detail>
            <Detail label={t('vouchers.fields.validity')}>
              {t('vouchers.fields.validityRange', {
                from: formatDate(v.startDate, i18n.language),
                to: formatDate(v.endDate, i18n.language),
              })}
              {v.expired && (
                <Badge color="danger" className="ms-2">
                  {t('vouchers.expired')}
                </Badge>
              )}
            </Detail>
            <Detail label={t('vouchers.fields.status')}>
              <Badge color={v.status === 'active' ? 'success' : 'secondary'}>
                {t(`vouchers.status.${v.status}`)}
              </Badge>
            </Detail>
          </dl>
          <Ledger voucher={v} />
          <PlanTable voucher={v} pathwayId={pathway.id} canManage={canManage} />
          {canManage && v.status === 'active' && !v.expired && (
            <DeliveryForm voucher={v} pathwayId={pathway.id} onDone={setDone} />
          )}
          <Deliveries voucher={v} pathwayId={pathway.id} canManage={canManage} onDone={setDone} />
        </>
      )}
    </>
  );
}
