import { isNotApplicable, isRatioValue, type IndicatorValue } from '../../../../src/domain/criteria/schema';
import { formatNumberVi } from '../../../../src/shared/vi';
import type { GridIndicator } from './types';
import { withinBounds } from './value-bounds';

import { parseNumberVi as parseViNumber } from '../../../../src/shared/vi';

export { parseViNumber };

export function valueText(v: IndicatorValue | null | undefined): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'boolean') return v ? 'Có' : 'Không';
  if (typeof v === 'number') return formatNumberVi(v);
  if (Array.isArray(v)) return v.join(', ');
  if (isNotApplicable(v)) return `Không áp dụng — ${v.reason}`;
  if (isRatioValue(v)) return `${formatNumberVi(v.num)}/${formatNumberVi(v.den)} (${formatNumberVi((v.num / v.den) * 100)}%)`;
  return String(v);
}

/** The input for one indicator, by type. Text being typed is kept as text until it parses. */
export function IndicatorInput({
  ind,
  value,
  draftText,
  disabled,
  onChange,
}: {
  ind: GridIndicator;
  value: IndicatorValue | null;
  draftText: Record<string, string>;
  disabled: boolean;
  onChange: (value: IndicatorValue | null, text?: Record<string, string>) => void;
}) {
  const label = `${ind.code} ${ind.text}`;
  switch (ind.type) {
    case 'boolean':
      return (
        <select
          className="input"
          aria-label={label}
          disabled={disabled}
          value={value === null ? '' : value ? 'yes' : 'no'}
          onChange={(e) => onChange(e.target.value === '' ? null : e.target.value === 'yes')}
          data-testid={`input-${ind.code}`}
        >
          <option value="">—</option>
          <option value="yes">Có / Đạt</option>
          <option value="no">Không</option>
        </select>
      );
    case 'number': {
      const text = draftText.v ?? (typeof value === 'number' ? formatNumberVi(value, 4) : '');
      return (
        <input
          className={`input num-input ${text && (typeof value !== 'number' || !withinBounds(value)) ? 'invalid' : ''}`}
          aria-invalid={Boolean(text) && (typeof value !== 'number' || !withinBounds(value))}
          aria-label={label}
          inputMode="decimal"
          disabled={disabled}
          value={text}
          onChange={(e) => onChange(parseViNumber(e.target.value), { v: e.target.value })}
          data-testid={`input-${ind.code}`}
        />
      );
    }
    case 'ratio': {
      const ratio = isRatioValue(value) ? value : null;
      const outOfBounds = ratio !== null && !withinBounds(ratio);
      const numText = draftText.num ?? (ratio ? String(ratio.num).replace('.', ',') : '');
      const denText = draftText.den ?? (ratio ? String(ratio.den).replace('.', ',') : '');
      const update = (n: string, d: string) => {
        const num = parseViNumber(n);
        const den = parseViNumber(d);
        onChange(num !== null && den !== null && den > 0 && num >= 0 ? { num, den } : null, { num: n, den: d });
      };
      return (
        <span className="ratio-input">
          <input
            className={`input num-input ${outOfBounds ? 'invalid' : ''}`}
            aria-invalid={outOfBounds}
            aria-label={`${label} — tử số`}
            inputMode="decimal"
            disabled={disabled}
            value={numText}
            onChange={(e) => update(e.target.value, denText)}
            data-testid={`input-${ind.code}-num`}
          />
          <span aria-hidden="true">/</span>
          <input
            className={`input num-input ${outOfBounds ? 'invalid' : ''}`}
            aria-invalid={outOfBounds}
            aria-label={`${label} — mẫu số`}
            inputMode="decimal"
            disabled={disabled}
            value={denText}
            onChange={(e) => update(numText, e.target.value)}
            data-testid={`input-${ind.code}-den`}
          />
          {ratio && !outOfBounds && <small className="muted">{formatNumberVi((ratio.num / ratio.den) * 100)}%</small>}
        </span>
      );
    }
    case 'level':
      return (
        <select
          className="input"
          aria-label={label}
          disabled={disabled}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.target.value || null)}
        >
          <option value="">—</option>
          {ind.levels?.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
      );
    case 'k_of_n': {
      const chosen = Array.isArray(value) ? value : [];
      return (
        <fieldset className="items-input" disabled={disabled}>
          <legend className="sr-only">{label}</legend>
          {ind.items?.map((it) => (
            <label key={it.code} className="checkbox">
              <input
                type="checkbox"
                checked={chosen.includes(it.code)}
                onChange={(e) => onChange(e.target.checked ? [...chosen, it.code] : chosen.filter((c) => c !== it.code))}
              />
              {it.text_vi}
            </label>
          ))}
        </fieldset>
      );
    }
  }
}
