import { useState } from 'react';

import { formatMonthVi } from '../../../src/shared/vi';

export { formatMonthVi };

/** mm/yyyy (or m/yyyy, m-yyyy, m.yyyy) → yyyy-mm; null when it is not a month. */
export function parseMonthVi(text: string): string | null {
  const m = /^\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$/.exec(text);
  if (!m) return null;
  const [mo, y] = [Number(m[1]), Number(m[2])];
  if (mo < 1 || mo > 12 || y < 1900) return null;
  return `${y}-${String(mo).padStart(2, '0')}`;
}

/**
 * A month typed the Vietnamese way (mm/yyyy), reported as yyyy-mm — the same in every browser and
 * language, unlike the native month input whose words follow the browser. Clearing the field reports ''.
 * A value set from outside (a quick pick, a reset) replaces what is typed.
 */
export function MonthInput({
  value,
  onChange,
  id,
  label,
  max,
  testId,
}: {
  value: string;
  onChange: (ym: string) => void;
  id?: string;
  label?: string;
  /** The latest month allowed, yyyy-mm. */
  max?: string;
  testId?: string;
}) {
  const [text, setText] = useState(formatMonthVi(value));
  const [shown, setShown] = useState(value);
  const [invalid, setInvalid] = useState(false);
  if (value !== shown) {
    setShown(value);
    setText(formatMonthVi(value));
    setInvalid(false);
  }
  return (
    <input
      id={id}
      className={`input month-input ${invalid ? 'invalid' : ''}`}
      aria-label={label}
      aria-invalid={invalid}
      inputMode="numeric"
      placeholder="mm/yyyy"
      value={text}
      data-testid={testId}
      onChange={(e) => {
        const typed = e.target.value;
        setText(typed);
        if (typed.trim() === '') {
          setInvalid(false);
          onChange('');
          return;
        }
        const ym = parseMonthVi(typed);
        const ok = ym !== null && (!max || ym <= max);
        setInvalid(!ok && typed.length >= 6);
        if (ok) {
          setShown(ym);
          onChange(ym);
        }
      }}
    />
  );
}
