import { useId, useState, type ButtonHTMLAttributes, type InputHTMLAttributes, type ReactNode } from 'react';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n';
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

export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!error) return null;
  const apiError = error instanceof ApiError ? error : null;
  const rows = apiError?.fieldErrors ?? [];
  return (
    <div className="alert alert-error" role="alert">
      <p>
        {apiError ? apiError.message : error instanceof Error ? error.message : JSON.stringify(error)}
        {apiError && <code className="error-code"> [{apiError.code}]</code>}
      </p>
      {rows.length > 0 && (
        <table className="table compact">
          <thead>
            <tr>
              {rows.some((r) => r.row !== undefined) && <th>{t('row')}</th>}
              <th>{t('column')}</th>
              <th>{t('error')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                {rows.some((x) => x.row !== undefined) && <td>{r.row}</td>}
                <td>{r.column ?? r.path ?? ''}</td>
                <td>{r.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

export function UnverifiedMark({ show = true }: { show?: boolean }) {
  const { t } = useI18n();
  if (!show) return null;
  return (
    <span className="badge badge-warning" title={t('unverifiedTitle')}>
      ⚠ {t('unverified')}
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
      {t('loading')}
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
