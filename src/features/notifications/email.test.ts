import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxEmails } from '../../db/schema';
import { makeProvince, makeUser } from '../../testing/factories';
import { createTestEnv, TestClient, type TestEnv } from '../../testing/harness';
import { clientAs } from '../../testing/factories';
import { flushOutbox } from './mailer';
import { notify, type Notice } from './notify';

type Received = { from: string; to: string[]; subject: string; text: string; raw: string };

describe('e-mail through a real SMTP exchange', () => {
  let env: TestEnv;
  let server: SMTPServer;
  const received: Received[] = [];

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks);
          simpleParser(raw)
            .then((mail) => {
              received.push({
                from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                to: session.envelope.rcptTo.map((r) => r.address),
                subject: mail.subject ?? '',
                text: mail.text ?? '',
                raw: raw.toString('latin1'),
              });
              callback();
            })
            .catch(callback);
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.server.address() as AddressInfo).port;
    env = await createTestEnv({
      config: { smtpUrl: `smtp://127.0.0.1:${port}?ignoreTLS=true`, mailFrom: 'Đồng Lòng <khong-tra-loi@donglong.local>' },
    });
  });
  afterAll(async () => {
    await env.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('delivers a Vietnamese notice once, marks it sent, and respects preferences', async () => {
    const p = await makeProvince(env.deps);
    const a = await makeUser(env.deps, 'agency', p.province.id, { email: 'can.bo@quangninh.gov.vn' });
    const b = await makeUser(env.deps, 'agency', p.province.id, { email: 'khong.nhan@quangninh.gov.vn' });
    const bClient = new TestClient(env.app);
    await bClient.login(b.username, 'Kiem-thu-2026');
    expect(
      (await bClient.request('PUT', '/api/notifications/preferences', { email: false, digest: true, mutedKinds: [] })).status,
    ).toBe(200);
    const notice: Notice = {
      userIds: [a.id, b.id],
      kind: 'roadmap.due',
      params: { code: '17.6', title: 'Thu gom, xử lý chất thải rắn', month: { month: '2026-03' }, days: 5, progress: 40 },
      link: '/viec/1',
      dedupeKey: 'due:1:2026-03-01',
    };
    await env.deps.db.transaction((tx) => notify(tx, notice, new Date()));
    await env.deps.db.transaction((tx) => notify(tx, notice, new Date()));
    const result = await flushOutbox(env.deps);
    expect(result).toMatchObject({ sent: 1, failed: 0 });
    expect(received).toHaveLength(1);
    expect(received[0]!.to).toEqual(['can.bo@quangninh.gov.vn']);
    expect(received[0]!.subject).toBe('[Đồng Lòng] Sắp đến hạn: chỉ tiêu 17.6');
    expect(received[0]!.text).toContain('đến hạn cuối tháng 03/2026');
    expect(received[0]!.from).toBe('khong-tra-loi@donglong.local');
    const [row] = await env.deps.db.select().from(outboxEmails).where(eq(outboxEmails.toAddress, 'can.bo@quangninh.gov.vn'));
    expect(row!.status).toBe('sent');
    expect((await flushOutbox(env.deps)).sent).toBe(0);
    // Both still have it in the in-app inbox, with the unread count.
    const inbox = await bClient.get<{ items: { title: string }[]; unread: number }>('/api/notifications');
    expect(inbox.body.unread).toBe(1);
    expect(inbox.body.items[0]!.title).toContain('17.6');
  });

  it('the outbox page is for administrators only', async () => {
    const p = await makeProvince(env.deps);
    const admin = (await clientAs(env, 'system_admin', p.province.id)).client;
    const office = (await clientAs(env, 'coordination_office', p.province.id)).client;
    const page = await admin.get<{ smtpConfigured: boolean; items: { status: string }[] }>('/api/notifications/outbox');
    expect(page.body.smtpConfigured).toBe(true);
    expect(page.body.items.map((i) => i.status)).toContain('sent');
    expect((await office.get('/api/notifications/outbox')).status).toBe(403);
  });
});

describe('notifications belong to their person', () => {
  it('another person cannot mark my notice read (404), and nothing changes', async () => {
    const env = await createTestEnv();
    try {
      const p = await makeProvince(env.deps);
      const mine = await clientAs(env, 'viewer', p.province.id);
      const other = await clientAs(env, 'viewer', p.province.id);
      await env.deps.db.transaction((tx) =>
        notify(
          tx,
          {
            userIds: [mine.user.id],
            kind: 'roadmap.digest',
            params: { date: { date: '2026-03-10' }, open: 2, late: 1 },
            dedupeKey: 'k1',
          },
          new Date(),
        ),
      );
      const list = await mine.client.get<{ items: { id: number }[] }>('/api/notifications');
      const id = list.body.items[0]!.id;
      expect((await other.client.post(`/api/notifications/${id}/read`)).status).toBe(404);
      expect((await other.client.get<{ items: unknown[] }>('/api/notifications')).body.items).toHaveLength(0);
      expect((await mine.client.get<{ unread: number }>('/api/notifications')).body.unread).toBe(1);
      expect((await mine.client.post(`/api/notifications/${id}/read`)).status).toBe(200);
      expect((await mine.client.get<{ unread: number }>('/api/notifications')).body.unread).toBe(0);
    } finally {
      await env.close();
    }
  });
});
