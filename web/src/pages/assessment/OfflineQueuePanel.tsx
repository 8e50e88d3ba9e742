import { isNotApplicable, isRatioValue, type IndicatorValue } from '../../../../src/domain/criteria/schema';
import { formatDateTimeVi, formatNumberVi } from '../../../../src/shared/vi';
import { Badge, Button } from '../../components/ui';
import { useI18n } from '../../i18n';
import type { CellEdit, FileUpload, QueueEntry } from '../../offline/queue-logic';
import { offlineQueue } from '../../offline/store';
import type { GridIndicator } from './types';

type T = ReturnType<typeof useI18n>['t'];

/** A value in words, for comparing the person's value with the stored one. */
export function describeValue(v: IndicatorValue | null | undefined, ind: GridIndicator | undefined, t: T): string {
  if (v === null || v === undefined) return t('offline.emptyValue');
  if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
  if (typeof v === 'number') return `${formatNumberVi(v)}${ind?.unit ? ` ${ind.unit}` : ''}`;
  if (Array.isArray(v)) return v.map((c) => ind?.items?.find((i) => i.code === c)?.text_vi ?? c).join('; ');
  if (isNotApplicable(v)) return `${t('common.notApplicableShort')} — ${v.reason}`;
  if (isRatioValue(v)) return `${formatNumberVi(v.num)}/${formatNumberVi(v.den)} (${formatNumberVi((v.num / v.den) * 100)}%)`;
  return String(v);
}

/** The badge on a cell whose edit waits on the phone. */
export function QueueBadges({ cell, files }: { cell: CellEdit | undefined; files: FileUpload[] }) {
  const { t } = useI18n();
  if (!cell && !files.length) return null;
  return (
    <span className="cell-queue">
      {cell && (
        <Badge tone={cell.state === 'pending' ? 'warning' : 'danger'}>
          <span data-testid={`queued-${cell.code}`} data-state={cell.state}>
            {cell.state === 'pending'
              ? t('offline.pendingSync')
              : cell.state === 'conflict'
                ? t('offline.cellConflict')
                : t('offline.cellRefused')}
          </span>
        </Badge>
      )}
      {files.map((f) => (
        <Badge key={f.id} tone={f.state === 'pending' ? 'warning' : 'danger'}>
          <span data-testid={`queued-file-${f.code}`}>{t('offline.pendingFile', { name: f.name })}</span>
        </Badge>
      ))}
    </span>
  );
}

/**
 * What this month holds on the phone: counts, "sync now", and every conflict and refusal with the
 * person's choices. Nothing here is decided for them.
 */
export function OfflineQueuePanel({
  entries,
  online,
  syncing,
  indicators,
  onTakeBack,
}: {
  entries: readonly QueueEntry[];
  online: boolean;
  syncing: boolean;
  indicators: ReadonlyMap<string, GridIndicator>;
  onTakeBack: (cell: CellEdit) => void;
}) {
  const { t } = useI18n();
  if (!entries.length) return null;
  const pending = entries.filter((e) => e.state === 'pending').length;
  const conflicts = entries.filter((e) => e.state === 'conflict').length;
  const refused = entries.filter((e) => e.state === 'rejected').length;
  return (
    <section className="card offline-queue" data-testid="offline-queue" aria-live="polite">
      <h2>{t('offline.offlineQueueTitle')}</h2>
      <p className="muted">{t('offline.offlineQueueIntro')}</p>
      <p data-testid="offline-queue-counts">{t('offline.offlineQueueCounts', { pending, conflicts, refused })}</p>
      {pending > 0 && (
        <div className="queue-actions">
          <Button onClick={() => void offlineQueue.sync()} disabled={syncing} data-testid="sync-now">
            {syncing ? t('offline.netSyncing') : t('offline.syncNow')}
          </Button>
          {!online && <small className="muted">{t('offline.syncNeedsNetwork')}</small>}
        </div>
      )}
      {entries.map((e) =>
        e.kind === 'cell' && e.state === 'conflict' ? (
          <ConflictItem key={e.id} cell={e} ind={indicators.get(e.code)} />
        ) : e.kind === 'cell' && e.state === 'rejected' ? (
          <div key={e.id} className="queue-item" data-testid={`refused-${e.code}`}>
            <p>
              <strong>{t('offline.refusedTitle', { code: e.code })}</strong>
            </p>
            <p className="error-text">{e.problem}</p>
            <div className="queue-actions">
              <Button variant="secondary" onClick={() => void offlineQueue.takeBack(e.id).then((c) => c && onTakeBack(c))}>
                {t('offline.refusedEdit')}
              </Button>
              <Button variant="secondary" onClick={() => void offlineQueue.drop(e.id)}>
                {t('offline.refusedDiscard')}
              </Button>
            </div>
          </div>
        ) : e.kind === 'file' && e.state === 'rejected' ? (
          <div key={e.id} className="queue-item" data-testid={`refused-file-${e.code}`}>
            <p>
              <strong>{t('offline.fileRefusedTitle', { name: e.name, code: e.code })}</strong>
            </p>
            <p className="error-text">{e.problem}</p>
            <div className="queue-actions">
              <Button variant="secondary" onClick={() => void offlineQueue.drop(e.id)}>
                {t('offline.fileDiscard')}
              </Button>
            </div>
          </div>
        ) : null,
      )}
    </section>
  );
}

function ConflictItem({ cell, ind }: { cell: CellEdit; ind: GridIndicator | undefined }) {
  const { t } = useI18n();
  const stored = cell.stored;
  return (
    <div className="queue-item" data-testid={`conflict-${cell.code}`}>
      <p>
        <strong>{t('offline.conflictTitle', { code: cell.code })}</strong>
        {ind && <span className="muted"> — {ind.text}</span>}
      </p>
      <div className="conflict-values">
        <div data-testid={`conflict-mine-${cell.code}`}>
          <small className="muted block">{t('offline.conflictYours')}</small>
          <strong>{'value' in cell ? describeValue(cell.value, ind, t) : describeValue(stored?.value, ind, t)}</strong>
          {'note' in cell && cell.note && <small className="block">{t('offline.noteLabel', { note: cell.note })}</small>}
        </div>
        <div data-testid={`conflict-stored-${cell.code}`}>
          <small className="muted block">{t('offline.conflictStored')}</small>
          <strong>{describeValue(stored?.value, ind, t)}</strong>
          {stored?.note && <small className="block">{t('offline.noteLabel', { note: stored.note })}</small>}
          {stored?.updatedBy && (
            <small className="block">
              {t('offline.conflictStoredBy', {
                by: stored.updatedBy,
                at: stored.updatedAt ? formatDateTimeVi(stored.updatedAt) : '',
              })}
            </small>
          )}
        </div>
      </div>
      <div className="queue-actions">
        <Button onClick={() => void offlineQueue.keepMine(cell.id)} data-testid={`keep-mine-${cell.code}`}>
          {t('offline.conflictKeepMine')}
        </Button>
        <Button variant="secondary" onClick={() => void offlineQueue.drop(cell.id)} data-testid={`take-stored-${cell.code}`}>
          {t('offline.conflictTakeStored')}
        </Button>
      </div>
    </div>
  );
}
