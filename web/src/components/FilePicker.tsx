import { useId, useState, type ComponentProps } from 'react';
import { useI18n } from '../i18n';
import { UploadIcon } from './icons';

/**
 * A file input that speaks the reader's language: the browser's own one says "Choose File" / "No file
 * chosen" in the browser's language whatever the page's. The real input stays in the page (visually
 * hidden, still focusable and labelled) so keyboards, screen readers and forms work as before.
 */
export function FilePicker({ id, className, onChange, ...input }: Omit<ComponentProps<'input'>, 'type'>) {
  const { t } = useI18n();
  const auto = useId();
  const inputId = id ?? auto;
  const [names, setNames] = useState('');
  return (
    <span className={`file-picker ${className ?? ''}`}>
      <input
        {...input}
        id={inputId}
        type="file"
        className="sr-only"
        onChange={(e) => {
          setNames(Array.from(e.target.files ?? [], (f) => f.name).join(', '));
          onChange?.(e);
        }}
      />
      <label htmlFor={inputId} className="btn btn-secondary">
        <UploadIcon /> {t('common.pickFile')}
      </label>
      <span className={`file-name ${names ? '' : 'muted'}`}>{names || t('common.noFileChosen')}</span>
    </span>
  );
}
