import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { call } from '../api/client';
import { Button, Card, ErrorAlert, Loading } from '../components/ui';
import { useI18n } from '../i18n';
import { formatDateTimeVi } from '../../../src/shared/vi';

export function useInbox() {
  return useQuery({ queryKey: ['inbox'], queryFn: () => call('GET /api/notifications'), refetchInterval: 60_000 });
}

export function InboxPage() {
  const { t } = useI18n();
  const qc = useQueryClient();
  const inbox = useInbox();
  const act = useMutation({
    mutationFn: (id: number | 'all') =>
      id === 'all' ? call('POST /api/notifications/read-all') : call('POST /api/notifications/{id}/read', { params: { id } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['inbox'] }),
  });
  if (inbox.isLoading) return <Loading />;
  if (!inbox.data) return <ErrorAlert error={inbox.error} />;
  return (
    <>
      <h1>{t('inbox.inboxTitle')}</h1>
      {inbox.data.unread > 0 && (
        <Button variant="secondary" onClick={() => act.mutate('all')}>
          {t('inbox.markAllRead')}
        </Button>
      )}
      <Card>
        {!inbox.data.items.length && <p className="muted">{t('inbox.noNotifications')}</p>}
        <ul className="plain-list inbox" data-testid="inbox">
          {inbox.data.items.map((n) => (
            <li key={n.id} className={n.readAt ? 'read' : 'unread'}>
              <strong>
                {n.link ? (
                  <Link to={n.link} onClick={() => !n.readAt && act.mutate(n.id)}>
                    {n.title}
                  </Link>
                ) : (
                  n.title
                )}
              </strong>
              <p>{n.body}</p>
              <small className="muted">{formatDateTimeVi(n.createdAt)}</small>{' '}
              {!n.readAt && (
                <Button variant="link" onClick={() => act.mutate(n.id)}>
                  {t('inbox.markRead')}
                </Button>
              )}
            </li>
          ))}
        </ul>
      </Card>
    </>
  );
}

export function OutboxPage() {
  const { t } = useI18n();
  const outbox = useQuery({ queryKey: ['outbox'], queryFn: () => call('GET /api/notifications/outbox') });
  if (outbox.isLoading) return <Loading />;
  if (!outbox.data) return <ErrorAlert error={outbox.error} />;
  return (
    <>
      <h1>{t('inbox.outboxTitle')}</h1>
      {!outbox.data.smtpConfigured && <p className="alert alert-error">{t('inbox.smtpOff')}</p>}
      <Card>
        <table className="table">
          <tbody>
            {outbox.data.items.map((m) => (
              <tr key={m.id}>
                <td>
                  <strong>{m.subject}</strong>
                  <pre className="mail-text">{m.text}</pre>
                </td>
                <td>{m.toAddress}</td>
                <td>{m.status}</td>
                <td>{formatDateTimeVi(m.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </>
  );
}
