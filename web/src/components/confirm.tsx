import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n';
import { CheckIcon } from './icons';
import { Button } from './ui';

type Variant = 'primary' | 'secondary' | 'danger';

/**
 * A button for a step that changes a record's state for other people (sending, verifying, returning,
 * locking, …). It first asks, in a modal dialog that says what will happen and to whom; the step runs
 * only on the second, explicit "yes". The modal dialog keeps focus inside, closes on Escape and gives
 * focus back to the button.
 */
export function ConfirmButton({
  children,
  title,
  body,
  confirmLabel,
  cancelLabel,
  onConfirm,
  variant = 'primary',
  disabled,
  testId,
}: {
  children: ReactNode;
  title: string;
  body: ReactNode;
  /** What the "yes" button says; the opening button's text when not given. */
  confirmLabel?: string;
  /** What the "no" button says; "Không, quay lại" when not given. */
  cancelLabel?: string;
  onConfirm: () => void;
  variant?: Variant;
  disabled?: boolean;
  testId?: string;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();
  useEffect(() => {
    const d = dialog.current;
    if (open && d && !d.open) d.showModal();
    if (!open && d?.open) d.close();
  }, [open]);
  return (
    <>
      <Button variant={variant} disabled={disabled} onClick={() => setOpen(true)} data-testid={testId} aria-haspopup="dialog">
        {children}
      </Button>
      {open && (
        <dialog
          ref={dialog}
          className="dialog"
          aria-labelledby={titleId}
          aria-describedby={bodyId}
          onClose={() => setOpen(false)}
          data-testid="confirm-dialog"
        >
          <h2 id={titleId}>{title}</h2>
          <div id={bodyId} className="dialog-body">
            {body}
          </div>
          <div className="dialog-actions">
            <Button variant="secondary" onClick={() => setOpen(false)} autoFocus data-testid="confirm-cancel">
              {cancelLabel ?? t('common.confirmCancel')}
            </Button>
            <Button
              variant={variant === 'danger' ? 'danger' : 'primary'}
              onClick={() => {
                setOpen(false);
                onConfirm();
              }}
              data-testid="confirm-ok"
            >
              {confirmLabel ?? children}
            </Button>
          </div>
        </dialog>
      )}
    </>
  );
}

/** What just happened, said plainly after a step succeeds; read out by screen readers. */
export function SuccessNotice({ children }: { children: ReactNode }) {
  if (!children) return null;
  return (
    <p className="alert alert-success notice" role="status" data-testid="success-notice">
      <CheckIcon /> {children}
    </p>
  );
}
