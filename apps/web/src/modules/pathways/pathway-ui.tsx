import { PATHWAY_TERMINAL_STATES, type PathwayState } from '@trama/contracts';
import { Badge } from 'design-react-kit';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '../../api/client';
import { FieldHelp, FieldLabel, describedBy } from '../../components/fields';

const STATE_COLORS: Partial<Record<PathwayState, string>> = {
  taken_in_charge: 'primary',
  assessed: 'primary',
  pact_signed: 'primary',
  in_delivery: 'success',
  suspended: 'warning',
  placed: 'success',
};

/** A pathway state as a badge with its translated name (colour is never the only cue: the text says it). */
export function StateBadge({ state, testId }: { state: PathwayState; testId?: string }) {
  const { t } = useTranslation();
  const color = STATE_COLORS[state] ?? (PATHWAY_TERMINAL_STATES.includes(state) ? 'secondary' : 'primary');
  return (
    <Badge color={color} className="trama-state-badge" testId={testId}>
      {t(`pathways.states.${state}`)}
    </Badge>
  );
}

/** One term of a definition list laid out in a responsive grid. */
export function Detail({ label, children, wide }: { label: string; children?: ReactNode; wide?: boolean }) {
  const empty = children === undefined || children === null || children === '' || children === false;
  return (
    <div className={wide ? 'col-12 mb-3' : 'col-12 col-md-6 col-lg-4 mb-3'}>
      <dt>{label}</dt>
      <dd className="mb-0">{empty ? '—' : children}</dd>
    </div>
  );
}

/**
 * A success message for a completed action, announced politely. Messages are composed when the action
 * ends, in the language of that moment: after a language switch an old message is no longer shown.
 */
export function Done({ message, testId }: { message: string | null; testId?: string }) {
  const { i18n } = useTranslation();
  const [lang, setLang] = useState(i18n.language);
  useEffect(() => {
    setLang(i18n.language);
  }, [message]);
  const show = message && lang === i18n.language;
  return (
    <div aria-live="polite" aria-atomic="true" data-testid={testId ?? 'done-message'}>
      {show && <div className="alert alert-success">{message}</div>}
    </div>
  );
}

/** A datetime-local input value (browser time zone), `offsetMinutes` from now. */
export const nowLocalInput = (offsetMinutes = 0) => {
  const d = new Date(Date.now() + offsetMinutes * 60_000);
  d.setSeconds(0, 0);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

/** Today in the browser's calendar, as YYYY-MM-DD. */
export const todayIso = () => {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

/** A labelled datetime-local input (the shared TextField has no such type), with hint and inline error. */
export function DateTimeField(p: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: FieldError;
  hint?: ReactNode;
  required?: boolean;
}) {
  return (
    <div className="form-group">
      <FieldLabel id={p.id} label={p.label} required={p.required} />
      <input
        id={p.id}
        name={p.id}
        type="datetime-local"
        className={`form-control${p.error ? ' is-invalid' : ''}`}
        value={p.value}
        onChange={(e) => p.onChange(e.target.value)}
        aria-invalid={p.error ? true : undefined}
        aria-required={p.required || undefined}
        aria-describedby={describedBy(p.id, p.hint, p.error)}
      />
      <FieldHelp id={p.id} hint={p.hint} error={p.error} />
    </div>
  );
}
