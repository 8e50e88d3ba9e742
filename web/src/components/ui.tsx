import { useId, useState, type ButtonHTMLAttributes, type InputHTMLAttributes, type ReactNode } from 'react';
import { ApiError } from '../api/client';
import { useCan } from '../auth/session';
import { useI18n } from '../i18n';
import { WarningIcon } from './icons';
import { formatDateVi, parseDateVi } from '../../../src/shared/vi';

export function Button({
  variant = 'primary',
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: 'primary' | 'secondary' | 'danger' | 'link' }) {
  return <button type="button" {...props} className={`btn btn-${variant} ${props.className ?? ''}`} />;
}

export function Field({
  label,
  error,
  hint,
  children,
  id,
}: {
  label: string;
  error?: string | undefined;
  hint?: string;
  children: (id: string) => ReactNode;
  id?: string;
}) {
  const auto = useId();
  const fieldId = id ?? auto;
  return (
    <div className={`field ${error ? 'field-error' : ''}`}>
      <label htmlFor={fieldId}>{label}</label>
      {children(fieldId)}
      {hint && <small className="hint">{hint}</small>}
      {error && (
        <small className="error-text" role="alert">
          {error}
        </small>
      )}
    </div>
  );
}

export function TextInput(props: InputHTMLAttributes<HTMLInputElement>) {
  return <input type="text" {...props} className={`input ${props.className ?? ''}`} />;
}

/** A date typed the Vietnamese way (dd/mm/yyyy), reported as ISO yyyy-mm-dd. */
export function DateInput({
  value,
  onChange,
  id,
  label,
}: {
  value: string;
  onChange: (iso: string) => void;
  id?: string;
  label: string;
}) {
  const [text, setText] = useState(formatDateVi(value));
  const [invalid, setInvalid] = useState(false);
  return (
    <input
      id={id}
      className={`input date-input ${invalid ? 'invalid' : ''}`}
      aria-label={label}
      aria-invalid={invalid}
      inputMode="numeric"
      placeholder="dd/mm/yyyy"
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        const iso = parseDateVi(e.target.value);
        setInvalid(!iso && e.target.value.length >= 8);
        if (iso) onChange(iso);
      }}
    />
  );
}

/** Where a field problem is: a spreadsheet row/column or an indicator code; never an internal key. */
const placeOf = (r: { column?: string | null; path?: string }) =>
  r.column ?? (r.path && /^[\d.]+[a-z]?$/i.test(r.path) ? r.path : '');

export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!error) return null;
  const apiError = error instanceof ApiError ? error : null;
  const rows = apiError?.fieldErrors ?? [];
  const withRows = rows.some((r) => r.row !== undefined);
  const withPlaces = rows.some((r) => placeOf(r) !== '');
  return (
    <div className="alert alert-error" role="alert">
      <p>{apiError ? apiError.message : error instanceof Error ? error.message : t('common.unexpectedError')}</p>
      {rows.length > 0 && (
        <table className="table compact">
          <thead>
            <tr>
              {withRows && <th>{t('common.row')}</th>}
              {withPlaces && <th>{t('common.column')}</th>}
              <th>{t('common.error')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                {withRows && <td>{r.row}</td>}
                {withPlaces && <td>{placeOf(r)}</td>}
                <td>{r.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {apiError?.code === 'UNIT_READ_ONLY' && apiError.retry && <CorrectWithReason retry={apiError.retry} />}
    </div>
  );
}

/**
 * A system administrator may correct the records of a unit that has ended, with a reason that the
 * audit trail keeps; the request is sent again with it.
 */
function CorrectWithReason({ retry }: { retry: (headers: Record<string, string>) => Promise<unknown> }) {
  const { t } = useI18n();
  const can = useCan();
  const [reason, setReason] = useState('');
  const [failed, setFailed] = useState<unknown>(null);
  const id = useId();
  if (!can('unit.manage')) return null;
  return (
    <form
      className="subform"
      onSubmit={(e) => {
        e.preventDefault();
        retry({ 'x-correction-reason': encodeURIComponent(reason.trim()) })
          .then(() => window.location.reload())
          .catch(setFailed);
      }}
    >
      <label htmlFor={id}>{t('common.correctionReason')}</label>
      <input id={id} className="input" value={reason} onChange={(e) => setReason(e.target.value)} minLength={10} required />
      <Button type="submit" variant="secondary" disabled={reason.trim().length < 10}>
        {t('common.correctWithReason')}
      </Button>
      {failed !== null && <ErrorAlert error={failed} />}
    </form>
  );
}

export function UnverifiedMark({ show = true }: { show?: boolean }) {
  const { t } = useI18n();
  if (!show) return null;
  return (
    <span className="badge badge-warning" title={t('common.unverifiedTitle')}>
      <WarningIcon /> {t('common.unverified')}
    </span>
  );
}

export function Badge({
  children,
  tone = 'neutral',
}: {
  children: ReactNode;
  tone?: 'neutral' | 'success' | 'warning' | 'danger' | 'info';
}) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="muted" aria-live="polite">
      {t('common.loading')}
    </p>
  );
}

export function Card({ title, children, actions }: { title?: ReactNode; children: ReactNode; actions?: ReactNode }) {
  return (
    <section className="card">
      {(title || actions) && (
        <header className="card-header">
          {title && <h2>{title}</h2>}
          {actions && <div className="card-actions">{actions}</div>}
        </header>
      )}
      {children}
    </section>
  );
}
