import { Alert, Badge, Button, Table } from 'design-react-kit';
import type { TFunction } from 'i18next';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { isApiError } from '../../api/client';
import { errorMessage } from '../../api/messages';
import { EmptyState, ErrorAlert, Loading } from '../../components/feedback';
import { LoadMore } from '../../components/load-more';
import { PageHeading } from '../../components/page-heading';
import { formatDateTime, formatNumber } from '../../i18n/format';
import { i18n as i18next } from '../../i18n';
import { useMe } from '../auth/auth.queries';
import { canWritePeople } from './people.permissions';
import {
  IMPORT_MAX_BYTES,
  importFormat,
  newImportId,
  useImportErrors,
  usePeopleImport,
  usePeopleImports,
  useUploadImport,
  type PeopleImportData,
  type UploadInput,
} from './people-import.queries';

/** The file layout of IMPORT.md (server: people-import.validate.ts), for the help and the template. */
const COLUMNS: { name: string; alias?: string; key: string; required: 'yes' | 'no' | 'paired' }[] = [
  { name: 'codice_fiscale', alias: 'fiscal_code', key: 'fiscalCode', required: 'yes' },
  { name: 'cognome', alias: 'last_name', key: 'lastName', required: 'yes' },
  { name: 'nome', alias: 'first_name', key: 'firstName', required: 'yes' },
  { name: 'data_nascita', alias: 'birth_date', key: 'birthDate', required: 'no' },
  { name: 'sesso', alias: 'sex', key: 'sex', required: 'no' },
  { name: 'email', key: 'email', required: 'no' },
  { name: 'telefono', alias: 'phone', key: 'phone', required: 'no' },
  {
    name: 'comune_residenza',
    alias: 'residence_municipality_code',
    key: 'residenceMunicipalityCode',
    required: 'no',
  },
  { name: 'indirizzo_residenza', alias: 'residence_address', key: 'residenceAddress', required: 'no' },
  { name: 'cap_residenza', alias: 'residence_postal_code', key: 'residencePostalCode', required: 'no' },
  { name: 'cittadinanza', alias: 'citizenship', key: 'citizenship', required: 'no' },
  { name: 'titolo_studio_eqf', alias: 'education_level', key: 'educationLevel', required: 'no' },
  {
    name: 'condizione_occupazionale',
    alias: 'employment_status',
    key: 'employmentStatus',
    required: 'yes',
  },
  { name: 'data_did', alias: 'did_date', key: 'didDate', required: 'paired' },
  { name: 'fonte_did', alias: 'did_source', key: 'didSource', required: 'paired' },
  { name: 'ore_settimanali', alias: 'hours_per_week', key: 'hoursPerWeek', required: 'no' },
  { name: 'raggio_mobilita_km', alias: 'mobility_radius_km', key: 'mobilityRadiusKm', required: 'no' },
  { name: 'patenti', alias: 'driving_licences', key: 'drivingLicences', required: 'no' },
  { name: 'target_prioritari', alias: 'priority_targets', key: 'priorityTargets', required: 'no' },
];

/** The template: the header row only, `;`-separated (what Italian Excel reads), UTF-8 with a BOM. */
const TEMPLATE_HREF = `data:text/csv;charset=utf-8,${encodeURIComponent(
  `\uFEFF${COLUMNS.map((c) => c.name).join(';')}\r\n`,
)}`;

const STATUS_COLORS: Record<PeopleImportData['status'], string> = {
  running: 'primary',
  completed: 'success',
  completed_with_errors: 'warning',
  failed: 'danger',
};

const OUTCOME_COLORS: Record<PeopleImportData['status'], string> = {
  running: 'info',
  completed: 'success',
  completed_with_errors: 'warning',
  failed: 'danger',
};

function formatBytes(n: number, lang: string): string {
  const mb = n >= 1024 * 1024;
  return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'it-IT', {
    style: 'unit',
    unit: mb ? 'megabyte' : 'kilobyte',
    maximumFractionDigits: 1,
  }).format(mb ? n / (1024 * 1024) : Math.max(n / 1024, n > 0 ? 0.1 : 0));
}

/** A row error's message in the user's language when its code is known, else the server's text. */
function rowErrorMessage(t: TFunction, code: string, message: string) {
  const key = `people.import.errorCodes.${code}`;
  return i18next.exists(key) ? t(key) : message;
}

/** Why a whole file failed (failureReason: a reason word or a problem code). */
function failureMessage(t: TFunction, reason: string | null) {
  const key = `people.import.failure.${(reason ?? 'other').replace(/\./g, '_')}`;
  return i18next.exists(key) ? t(key) : t('people.import.failure.other');
}

/** Problems of the upload itself (problem+json): format, size, unreadable file. */
function uploadProblem(t: TFunction, error: unknown) {
  if (isApiError(error)) {
    const key = `people.import.problems.${error.code.replace(/\./g, '_')}`;
    if (i18next.exists(key)) return t(key);
  }
  return errorMessage(t, error);
}

export default function PeopleImportPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const selectedId = params.get('id');
  const upload = useUploadImport();
  const [lastRun, setLastRun] = useState<UploadInput | null>(null);
  // The id of our upload while it runs: set before the URL changes, so the first poll of the new
  // import already knows that a 404 only means "not started yet".
  const [activeUpload, setActiveUpload] = useState<string | null>(null);
  const [focusRequest, setFocusRequest] = useState(0);

  const uploading = activeUpload !== null && activeUpload === selectedId;
  const uploadError =
    !activeUpload && upload.isError && upload.variables?.importId === selectedId ? upload.error : null;

  function start(file: File, dryRun: boolean) {
    const input: UploadInput = { file, dryRun, importId: newImportId() };
    setLastRun(input);
    setActiveUpload(input.importId);
    setParams({ id: input.importId }, { replace: true });
    upload.mutate(input, {
      // The outcome (or the problem) takes the focus.
      onSettled: () => {
        setActiveUpload(null);
        setFocusRequest((n) => n + 1);
      },
    });
  }

  const title = t('people.import.title');
  const canImport = canWritePeople(me.data);
  return (
    <>
      <nav aria-label={t('common.breadcrumb')} className="breadcrumb-container">
        <ol className="breadcrumb">
          <li className="breadcrumb-item">
            <Link to="/people">{t('people.list.title')}</Link>
            <span className="separator">/</span>
          </li>
          <li className="breadcrumb-item active" aria-current="page">
            {title}
          </li>
        </ol>
      </nav>
      <PageHeading title={title}>{title}</PageHeading>
      <p>{t('people.import.intro')}</p>

      {me.isSuccess && !canImport ? (
        <Alert fade={false} color="info" data-testid="import-forbidden">
          {t('people.import.forbidden')}
        </Alert>
      ) : (
        <>
          <ImportForm busy={activeUpload !== null} onStart={start} />
          {selectedId && (
            <ImportResult
              key={selectedId}
              id={selectedId}
              uploading={uploading}
              uploadError={uploadError}
              localSize={lastRun?.importId === selectedId ? lastRun.file.size : null}
              focusRequest={focusRequest}
              onImportForReal={
                lastRun?.importId === selectedId && lastRun.dryRun && !activeUpload
                  ? () => start(lastRun.file, false)
                  : undefined
              }
            />
          )}
          <ImportHistory
            selectedId={selectedId}
            onOpen={(id) => {
              setParams({ id });
              setFocusRequest((n) => n + 1);
            }}
          />
        </>
      )}
    </>
  );
}

// -------------------------------------------------------------------------------------------------
// The form: file, dry run, start

function ImportForm({ busy, onStart }: { busy: boolean; onStart: (file: File, dryRun: boolean) => void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(true);
  const [fileError, setFileError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const guideRef = useRef<HTMLDetailsElement>(null);

  function check(f: File | null): string | null {
    if (!f) return t('people.import.form.fileRequired');
    if (!importFormat(f.name)) return t('people.import.form.fileFormat');
    if (f.size > IMPORT_MAX_BYTES) return t('people.import.form.fileTooLarge');
    if (f.size === 0) return t('people.import.form.fileEmpty');
    return null;
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const problem = check(file);
    setFileError(problem);
    if (problem || !file) {
      inputRef.current?.focus();
      return;
    }
    onStart(file, dryRun);
  }

  const describedBy = ['import-file-hint', fileError ? 'import-file-error' : null].filter(Boolean).join(' ');
  return (
    <section aria-labelledby="import-new-title" className="mb-5">
      <h2 id="import-new-title" className="h4">
        {t('people.import.form.title')}
      </h2>
      <form noValidate onSubmit={submit}>
        <div className="form-group mb-2">
          <div className="trama-label">
            <label htmlFor="import-file">{t('people.import.form.file')}</label>
          </div>
          <input
            ref={inputRef}
            id="import-file"
            name="import-file"
            type="file"
            className={`form-control${fileError ? ' is-invalid' : ''}`}
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby={describedBy}
            aria-invalid={fileError ? true : undefined}
            aria-required
            onChange={(e) => {
              const f = e.target.files?.[0] ?? null;
              setFile(f);
              setFileError(f ? check(f) : null);
            }}
          />
          <small id="import-file-hint" className="form-text">
            {t('people.import.form.fileHint')}{' '}
            <a
              href="#import-layout"
              onClick={(e) => {
                e.preventDefault();
                if (guideRef.current) {
                  guideRef.current.open = true;
                  guideRef.current.querySelector('summary')?.focus();
                }
              }}
            >
              {t('people.import.form.layoutLink')}
            </a>
          </small>
          {fileError && (
            <div id="import-file-error" className="invalid-feedback d-block" data-testid="import-file-error">
              {fileError}
            </div>
          )}
        </div>
        <p className="mb-3">
          <a href={TEMPLATE_HREF} download={t('people.import.form.templateFileName')}>
            {t('people.import.form.template')}
          </a>
        </p>

        <ColumnGuide guideRef={guideRef} />

        <div className="form-check mt-3">
          <input
            id="import-dry-run"
            type="checkbox"
            checked={dryRun}
            onChange={(e) => setDryRun(e.target.checked)}
            aria-describedby="import-dry-run-hint"
          />
          <label htmlFor="import-dry-run">{t('people.import.form.dryRun')}</label>
          <small id="import-dry-run-hint" className="form-text d-block">
            {t('people.import.form.dryRunHint')}
          </small>
        </div>
        <Button color="primary" type="submit" disabled={busy} className="mt-2">
          {busy ? t('people.import.form.running') : t('people.import.form.start')}
        </Button>
      </form>
    </section>
  );
}

/** The column layout (IMPORT.md) as a collapsible help section. */
function ColumnGuide({ guideRef }: { guideRef: React.RefObject<HTMLDetailsElement | null> }) {
  const { t } = useTranslation();
  return (
    <details id="import-layout" ref={guideRef} className="mb-3" data-testid="import-layout">
      <summary className="fw-semibold">{t('people.import.layout.title')}</summary>
      <ul className="mt-3">
        <li>{t('people.import.layout.encoding')}</li>
        <li>{t('people.import.layout.header')}</li>
        <li>{t('people.import.layout.dates')}</li>
        <li>{t('people.import.layout.lists')}</li>
        <li>{t('people.import.layout.idempotent')}</li>
        <li>{t('people.import.layout.batches')}</li>
        <li>{t('people.import.layout.notIncluded')}</li>
      </ul>
      <Table responsive size="sm" className="trama-table">
        <caption className="caption-top">{t('people.import.layout.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('people.import.layout.column')}</th>
            <th scope="col">{t('people.import.layout.alias')}</th>
            <th scope="col">{t('people.import.layout.required')}</th>
            <th scope="col">{t('people.import.layout.content')}</th>
          </tr>
        </thead>
        <tbody>
          {COLUMNS.map((c) => (
            <tr key={c.name}>
              <th scope="row" className="fw-normal">
                <code>{c.name}</code>
              </th>
              <td>{c.alias ? <code>{c.alias}</code> : '—'}</td>
              <td>{t(`people.import.layout.requiredValues.${c.required}`)}</td>
              <td>{t(`people.import.columns.${c.key}`)}</td>
            </tr>
          ))}
        </tbody>
      </Table>
    </details>
  );
}

// -------------------------------------------------------------------------------------------------
// One import: progress while it runs, then its outcome and errors

function ImportResult({
  id,
  uploading,
  uploadError,
  localSize,
  focusRequest,
  onImportForReal,
}: {
  id: string;
  uploading: boolean;
  uploadError: unknown;
  localSize: number | null;
  focusRequest: number;
  onImportForReal?: (() => void) | undefined;
}) {
  const { t } = useTranslation();
  const query = usePeopleImport(id, uploading);
  const imp = query.data ?? null;
  const running = uploading || imp?.status === 'running';
  const headingRef = useRef<HTMLHeadingElement>(null);

  const ready = !running && (imp !== null || Boolean(uploadError) || query.isError);
  useEffect(() => {
    if (focusRequest && ready) headingRef.current?.focus();
  }, [focusRequest, ready]);

  return (
    <section aria-labelledby="import-result-title" className="mb-5" data-testid="import-result">
      <h2 id="import-result-title" ref={headingRef} tabIndex={-1} className="h4">
        {running ? t('people.import.progress.title') : t('people.import.result.title')}
        {imp?.fileName && <span className="fw-normal">: {imp.fileName}</span>}
      </h2>
      <LiveStatus imp={imp} running={running} uploadError={uploadError} localSize={localSize} />
      {uploadError ? (
        <Alert fade={false} color="danger" data-testid="import-problem">
          {uploadProblem(t, uploadError)}
        </Alert>
      ) : (
        query.isError && <ErrorAlert error={query.error} />
      )}
      {query.isPending && !uploading && <Loading />}
      {running && <ImportProgress imp={imp} localSize={localSize} />}
      {imp && !running && (
        <>
          <ImportSummary imp={imp} />
          {onImportForReal && imp.dryRun && imp.status === 'completed' && (
            <div className="mb-4">
              <Button color="primary" onClick={onImportForReal} data-testid="import-for-real">
                {t('people.import.result.importForReal')}
              </Button>
              <p className="small mt-1">{t('people.import.result.importForRealHint')}</p>
            </div>
          )}
          {imp.errorCount > 0 && <ImportErrors id={imp.id} />}
        </>
      )}
    </section>
  );
}

const percentOf = (imp: PeopleImportData | null, localSize: number | null) => {
  const total = imp?.bytesTotal ?? localSize;
  if (!imp || !total) return 0;
  return Math.min(100, Math.floor((imp.bytesRead * 100) / total));
};

/**
 * The polite live status: coarse on purpose (steps of 10%) so that a screen reader is not flooded
 * by the polling; the figures are next to the progress bar.
 */
function LiveStatus({
  imp,
  running,
  uploadError,
  localSize,
}: {
  imp: PeopleImportData | null;
  running: boolean;
  uploadError: unknown;
  localSize: number | null;
}) {
  const { t } = useTranslation();
  let text = '';
  // A problem of the upload is announced by its own alert.
  if (uploadError) text = '';
  else if (running) {
    const pct = percentOf(imp, localSize);
    text = imp
      ? t('people.import.live.running', { pct: Math.floor(pct / 10) * 10 })
      : t('people.import.live.sending');
  } else if (imp) text = statusSentence(t, imp);
  // The same element before and after: a live region must exist before its text changes.
  const outcome = !running && !uploadError && imp ? OUTCOME_COLORS[imp.status] : null;
  return (
    <div
      role="status"
      aria-live="polite"
      aria-atomic="true"
      className={outcome ? `alert alert-${outcome} fw-semibold` : 'fw-semibold mb-3'}
      data-testid="import-status"
    >
      {text}
    </div>
  );
}

function statusSentence(t: TFunction, imp: PeopleImportData): string {
  if (imp.status === 'failed') return failureMessage(t, imp.failureReason);
  if (imp.dryRun)
    return imp.status === 'completed'
      ? t('people.import.live.dryRunClean')
      : t('people.import.live.dryRunErrors', { count: imp.errorCount });
  return imp.status === 'completed'
    ? t('people.import.live.done')
    : t('people.import.live.doneWithErrors', { count: imp.errorCount });
}

function ImportProgress({ imp, localSize }: { imp: PeopleImportData | null; localSize: number | null }) {
  const { t, i18n } = useTranslation();
  const pct = percentOf(imp, localSize);
  const total = imp?.bytesTotal ?? localSize;
  const batches = imp?.batches ?? [];
  const count = (s: string) => batches.filter((b) => b.status === s).length;
  const lang = i18n.language;
  return (
    <div className="mb-4" data-testid="import-progress">
      <div className="progress" style={{ height: '0.75rem' }}>
        <div
          className="progress-bar"
          role="progressbar"
          style={{ width: `${pct}%` }}
          aria-valuenow={pct}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-label={t('people.import.progress.bar')}
        />
      </div>
      <p className="small mt-2 mb-0">
        {total
          ? t('people.import.progress.bytes', {
              read: formatBytes(imp?.bytesRead ?? 0, lang),
              total: formatBytes(total, lang),
              pct,
            })
          : t('people.import.progress.bytesUnknown', { read: formatBytes(imp?.bytesRead ?? 0, lang) })}
        {' · '}
        {t('people.import.progress.rows', {
          count: imp?.processedRows ?? 0,
          n: formatNumber(imp?.processedRows ?? 0, lang),
        })}
        {' · '}
        {imp?.dryRun
          ? t('people.import.progress.batchesDry', {
              validated: count('validated'),
              rejected: count('rejected'),
            })
          : t('people.import.progress.batches', {
              committed: count('committed'),
              rejected: count('rejected'),
            })}
      </p>
    </div>
  );
}

function ImportSummary({ imp }: { imp: PeopleImportData }) {
  const { t, i18n } = useTranslation();
  const n = (v: number) => formatNumber(v, i18n.language);
  const unchanged = Math.max(0, imp.processedRows - imp.insertedRows - imp.updatedRows - imp.rejectedRows);
  const rows: [string, string, string][] = imp.dryRun
    ? [
        ['processed', t('people.import.result.processed'), n(imp.processedRows)],
        ['rejected', t('people.import.result.rejectedDry'), n(imp.rejectedRows)],
        ['errors', t('people.import.result.errors'), n(imp.errorCount)],
      ]
    : [
        ['processed', t('people.import.result.processed'), n(imp.processedRows)],
        ['inserted', t('people.import.result.inserted'), n(imp.insertedRows)],
        ['updated', t('people.import.result.updated'), n(imp.updatedRows)],
        ['unchanged', t('people.import.result.unchanged'), n(unchanged)],
        ['rejected', t('people.import.result.rejected'), n(imp.rejectedRows)],
        ['errors', t('people.import.result.errors'), n(imp.errorCount)],
      ];
  return (
    <>
      {imp.status === 'completed_with_errors' && (
        <p>{imp.dryRun ? t('people.import.result.fixAndRetryDry') : t('people.import.result.fixAndRetry')}</p>
      )}
      {imp.status !== 'failed' && (
        <dl className="row" data-testid="import-summary">
          {rows.map(([key, label, value]) => (
            <div key={key} className="col-6 col-md-4 col-lg-2 mb-3">
              <dt>{label}</dt>
              <dd className="mb-0 h5" data-testid={`import-count-${key}`}>
                {value}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </>
  );
}

function ImportErrors({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const errors = useImportErrors(id, true);
  const items = errors.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      {errors.isPending && <Loading />}
      <ErrorAlert error={errors.error} />
      {items.length > 0 && (
        <Table responsive size="sm" className="trama-table" data-testid="import-errors">
          <caption className="caption-top">{t('people.import.errors.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('people.import.errors.line')}</th>
              <th scope="col">{t('people.import.errors.field')}</th>
              <th scope="col">{t('people.import.errors.code')}</th>
              <th scope="col">{t('people.import.errors.message')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((e, i) => (
              <tr key={`${e.line}-${e.field}-${e.code}-${i}`}>
                <th scope="row" className="fw-normal">
                  {formatNumber(e.line, i18n.language)}
                </th>
                <td>{e.field === 'file' ? t('people.import.errors.wholeFile') : <code>{e.field}</code>}</td>
                <td>
                  <code>{e.code}</code>
                </td>
                <td>{rowErrorMessage(t, e.code, e.message)}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <LoadMore query={errors} />
    </>
  );
}

// -------------------------------------------------------------------------------------------------
// The organisation's latest imports

function ImportHistory({ selectedId, onOpen }: { selectedId: string | null; onOpen: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const list = usePeopleImports();
  const items = list.data?.items ?? [];
  const n = (v: number) => formatNumber(v, i18n.language);
  return (
    <section aria-labelledby="import-history-title" className="mb-5">
      <h2 id="import-history-title" className="h4">
        {t('people.import.history.title')}
      </h2>
      {list.isPending && <Loading />}
      <ErrorAlert error={list.error} />
      {list.isSuccess && items.length === 0 && <EmptyState title={t('people.import.history.empty')} />}
      {items.length > 0 && (
        <Table responsive hover className="trama-table" data-testid="import-history">
          <caption className="caption-top">{t('people.import.history.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('people.import.history.date')}</th>
              <th scope="col">{t('people.import.history.file')}</th>
              <th scope="col">{t('people.import.history.kind')}</th>
              <th scope="col">{t('people.import.history.status')}</th>
              <th scope="col" className="text-end">
                {t('people.import.result.processed')}
              </th>
              <th scope="col" className="text-end">
                {t('people.import.result.inserted')}
              </th>
              <th scope="col" className="text-end">
                {t('people.import.result.updated')}
              </th>
              <th scope="col" className="text-end">
                {t('people.import.result.rejected')}
              </th>
              <th scope="col" className="text-end">
                {t('people.import.result.errors')}
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((imp) => (
              <tr key={imp.id} aria-current={imp.id === selectedId ? 'true' : undefined}>
                <th scope="row" className="fw-normal">
                  <Link
                    to={`/people/import?id=${imp.id}`}
                    onClick={(e) => {
                      e.preventDefault();
                      onOpen(imp.id);
                    }}
                    aria-label={t('people.import.history.open', {
                      date: formatDateTime(imp.startedAt, i18n.language),
                      file: imp.fileName ?? '',
                    })}
                  >
                    {formatDateTime(imp.startedAt, i18n.language)}
                  </Link>
                </th>
                <td>{imp.fileName ?? '—'}</td>
                <td>{imp.dryRun ? t('people.import.kind.dryRun') : t('people.import.kind.real')}</td>
                <td>
                  <Badge color={STATUS_COLORS[imp.status]}>{t(`people.import.status.${imp.status}`)}</Badge>
                </td>
                <td className="text-end">{n(imp.processedRows)}</td>
                <td className="text-end">{imp.dryRun ? '—' : n(imp.insertedRows)}</td>
                <td className="text-end">{imp.dryRun ? '—' : n(imp.updatedRows)}</td>
                <td className="text-end">{n(imp.rejectedRows)}</td>
                <td className="text-end">{n(imp.errorCount)}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </section>
  );
}
