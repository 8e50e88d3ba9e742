import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useI18n } from '../i18n';
import { offlineQueue, useOffline } from './store';

/**
 * Binds the queue to the signed-in person (their edits are shown and sent, nobody else's) and reads a
 * month's grid again when its queued edits reached the server or were given up.
 */
export function useOfflineQueueFor(userId: number | null) {
  const qc = useQueryClient();
  useEffect(() => {
    void offlineQueue.setUser(userId);
  }, [userId]);
  useEffect(
    () =>
      offlineQueue.onSynced((ids) => {
        for (const id of ids) void qc.invalidateQueries({ queryKey: ['assessment', String(id)] });
      }),
    [qc],
  );
}

/** In the header: online or not, and how many edits wait on this phone. */
export function OfflineStatus() {
  const { t } = useI18n();
  const { online, syncing, entries } = useOffline();
  const n = entries.length;
  const words = syncing ? t('offline.netSyncing') : online ? t('offline.netOnline') : t('offline.netOffline');
  return (
    <span
      className={`net-status ${online ? 'net-online' : 'net-offline'}`}
      role="status"
      title={n ? `${words} · ${t('common.netQueued', { n })}` : words}
      data-testid="net-status"
      data-online={online}
    >
      <span className="net-dot" aria-hidden="true" />
      <span className="net-label">{words}</span>
      {n > 0 && (
        <span className="net-count" data-testid="net-queued">
          <span aria-hidden="true">{n}</span>
          <span className="sr-only">{t('common.netQueued', { n })}</span>
        </span>
      )}
    </span>
  );
}
