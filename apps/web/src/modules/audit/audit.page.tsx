import { Badge, Table } from 'design-react-kit';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FilterForm, ResetFiltersButton, useSearchParamSetter } from '../../components/url-filters';
import { SelectField, TextField } from '../../components/fields';
import { EmptyState, ErrorAlert, Loading } from '../../components/feedback';
import { PageHeading } from '../../components/page-heading';
import { useDebounced } from '../../components/use-debounced';
import { formatDateTime } from '../../i18n/format';
import { useAuditLog, type AuditEntryData, type AuditFilters } from './audit.queries';
import { LoadMore } from '../../components/load-more';

const OUTCOMES = ['ok', 'denied', 'failed'] as const;
const OUTCOME_COLORS: Record<string, string> = { ok: 'success', denied: 'danger', failed: 'warning' };

/** A calendar day (yyyy-mm-dd) to the first or last instant of that day, in the browser's time zone. */
function dayBound(day: string, end: boolean): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const d = new Date(`${day}T${end ? '23:59:59.999' : '00:00:00'}`);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

function Details({ entry }: { entry: AuditEntryData }) {
  const { t } = useTranslation();
  if (!entry.details || Object.keys(entry.details).length === 0) return null;
  return (
    <details>
      <summary>{t('audit.details')}</summary>
      <pre className="trama-pre small mb-0">{JSON.stringify(entry.details, null, 2)}</pre>
    </details>
  );
}

export default function AuditPage() {
  const { t, i18n } = useTranslation();
  const { params, setParam, clearParams } = useSearchParamSetter();
  const get = (k: string) => params.get(k) ?? '';
  const [action, setAction] = useState(get('action'));
  const [entityType, setEntityType] = useState(get('entityType'));
  const debouncedAction = useDebounced(action.trim(), 300);
  const debouncedEntity = useDebounced(entityType.trim(), 300);

  useEffect(() => {
    if (get('action') !== debouncedAction) setParam('action', debouncedAction);
  }, [debouncedAction]);
  useEffect(() => {
    if (get('entityType') !== debouncedEntity) setParam('entityType', debouncedEntity);
  }, [debouncedEntity]);

  const filters: AuditFilters = useMemo(
    () => ({
      action: params.get('action') || undefined,
      entityType: params.get('entityType') || undefined,
      outcome: params.get('outcome') || undefined,
      from: dayBound(params.get('from') ?? '', false),
      to: dayBound(params.get('to') ?? '', true),
    }),
    [params],
  );
  const log = useAuditLog(filters);
  const items = log.data?.pages.flatMap((p) => p.items) ?? [];
  const hasMore = Boolean(log.hasNextPage);
  const hasFilters = ['action', 'entityType', 'outcome', 'from', 'to'].some((k) => params.get(k));

  return (
    <>
      <PageHeading title={t('audit.title')}>{t('audit.title')}</PageHeading>
      <p>{t('audit.intro')}</p>

      <FilterForm label={t('audit.filters')}>
        <div className="col-12 col-md-6 col-lg-4">
          <TextField
            id="audit-action"
            label={t('audit.fields.action')}
            hint={t('audit.actionHint')}
            value={action}
            onChange={setAction}
            maxLength={100}
            spellCheck={false}
          />
        </div>
        <div className="col-12 col-md-6 col-lg-4">
          <TextField
            id="audit-entity"
            label={t('audit.fields.entityType')}
            hint={t('audit.entityHint')}
            value={entityType}
            onChange={setEntityType}
            maxLength={60}
            spellCheck={false}
          />
        </div>
        <div className="col-12 col-md-4 col-lg-4">
          <SelectField
            id="audit-outcome"
            label={t('audit.fields.outcome')}
            value={get('outcome')}
            onChange={(v) => setParam('outcome', v)}
            placeholder={t('audit.anyOutcome')}
            options={OUTCOMES.map((o) => ({ value: o, label: t(`audit.outcomes.${o}`) }))}
          />
        </div>
        <div className="col-12 col-md-4 col-lg-4">
          <TextField
            id="audit-from"
            type="date"
            label={t('audit.from')}
            value={get('from')}
            onChange={(v) => setParam('from', v)}
          />
        </div>
        <div className="col-12 col-md-4 col-lg-4">
          <TextField
            id="audit-to"
            type="date"
            label={t('audit.to')}
            value={get('to')}
            onChange={(v) => setParam('to', v)}
          />
        </div>
        <div className="col-12 col-lg-4 d-flex align-items-start">
          <ResetFiltersButton
            disabled={!hasFilters && !action && !entityType}
            onClick={() => {
              setAction('');
              setEntityType('');
              clearParams();
            }}
          >
            {t('audit.reset')}
          </ResetFiltersButton>
        </div>
      </FilterForm>

      <p aria-live="polite" aria-atomic="true" className="fw-semibold" data-testid="results-count">
        {log.isSuccess &&
          (hasMore
            ? t('audit.countMore', { count: items.length })
            : t('audit.count', { count: items.length }))}
      </p>
      {log.isPending && <Loading />}
      <ErrorAlert error={log.error} />
      {log.isSuccess && items.length === 0 && <EmptyState title={t('audit.empty')} />}

      {items.length > 0 && (
        <Table responsive className="trama-table" aria-busy={log.isFetching || undefined}>
          <caption className="caption-top">{t('audit.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('audit.fields.at')}</th>
              <th scope="col">{t('audit.fields.actor')}</th>
              <th scope="col">{t('audit.fields.action')}</th>
              <th scope="col">{t('audit.fields.entity')}</th>
              <th scope="col">{t('audit.fields.outcome')}</th>
              <th scope="col">{t('audit.fields.requestId')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <tr key={e.id}>
                <td className="text-nowrap">{formatDateTime(e.at, i18n.language)}</td>
                <td>{e.actorEmail ?? <span className="text-muted-strong">{t('audit.anonymous')}</span>}</td>
                <td>
                  <code>{e.action}</code>
                  <Details entry={e} />
                </td>
                <td>
                  {e.entityType ? (
                    <>
                      {e.entityType}
                      {e.entityId && (
                        <>
                          <br />
                          <small className="font-monospace">{e.entityId}</small>
                        </>
                      )}
                    </>
                  ) : (
                    '—'
                  )}
                </td>
                <td>
                  <Badge color={OUTCOME_COLORS[e.outcome] ?? 'secondary'}>
                    {t(`audit.outcomes.${e.outcome}`)}
                  </Badge>
                </td>
                <td>
                  <small className="font-monospace">{e.requestId ?? '—'}</small>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <LoadMore query={log} />
    </>
  );
}
