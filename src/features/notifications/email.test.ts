import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxEmails, users } from '../../db/schema';
import { makeProvince, makeUser } from '../../testing/factories';
import { createTestEnv, TestClient, type TestEnv } from '../../testing/harness';
import { clientAs } from '../../testing/factories';
import { flushOutbox } from './mailer';
import { phrase } from './catalogue';
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
      config: {
        smtpUrl: `smtp://127.0.0.1:${port}?ignoreTLS=true`,
        mailFrom: 'Đồng Lòng <khong-tra-loi@donglong.local>',
        publicUrl: 'https://donglong.kiemthu.gov.vn',
      },
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

  it('an OCOP step mails each producer account in its own language, UTF-8 encoded, with the reason and the link', async () => {
    const p = await makeProvince(env.deps);
    const office = (await clientAs(env, 'coordination_office', p.province.id, {}, { email: 'vpdp@kiemthu.gov.vn' })).client;
    const vi = await clientAs(env, 'ocop_producer', p.communeA.id, {}, { email: 'htx.che@kiemthu.vn' });
    const reg = await vi.client.post<{ id: number }>('/api/ocop/producers', {
      unitId: p.communeA.id,
      name: 'Hợp tác xã Chè Đồng Tâm',
      kind: 'cooperative',
    });
    // A second account of the same subject, kept by an English-speaking partner.
    const en = await makeUser(env.deps, 'ocop_producer', p.communeA.id, { email: 'partner@example.com' });
    await env.deps.db.update(users).set({ producerId: reg.body.id, locale: 'en' }).where(eq(users.id, en.id));
    const product = await vi.client.post<{ id: number; version: number }>('/api/ocop/products', {
      producerId: reg.body.id,
      name: 'Chè búp Đồng Tâm',
      setNo: 1,
      cycleYear: 2026,
    });
    const step = async (c: TestClient, action: string, version: number, documents: string[], note?: string) =>
      c.post<{ version: number }>(`/api/ocop/products/${product.body.id}/transitions`, { action, documents, note, version });
    const registered = await step(vi.client, 'register_idea', product.body.version, ['phieu_y_tuong']);
    expect(registered.status).toBe(200);
    expect((await step(office, 'return_idea', registered.body.version, [], 'Bổ sung bản đồ vùng nguyên liệu chè')).status).toBe(
      200,
    );
    received.length = 0;
    const result = await flushOutbox(env.deps);
    expect(result.failed).toBe(0);
    const to = (address: string) => received.find((m) => m.to.includes(address))!;
    // The office was told of the idea to review; each producer account of the return, in its own language.
    expect(to('vpdp@kiemthu.gov.vn').subject).toBe('[Đồng Lòng] Ý tưởng sản phẩm OCOP chờ xem xét: Chè búp Đồng Tâm');
    const viMail = to('htx.che@kiemthu.vn');
    expect(viMail.subject).toBe('[Đồng Lòng] Ý tưởng sản phẩm được trả lại: Chè búp Đồng Tâm');
    expect(viMail.text).toContain(
      'Văn phòng điều phối trả lại phiếu đăng ký ý tưởng sản phẩm “Chè búp Đồng Tâm”. Lý do: Bổ sung bản đồ vùng nguyên liệu chè.',
    );
    expect(viMail.text).toContain(`Xem chi tiết: https://donglong.kiemthu.gov.vn/ocop/san-pham/${product.body.id}`);
    expect(viMail.text).toContain('— Đồng Lòng (thư tự động, vui lòng không trả lời)');
    // Non-ASCII headers travel as RFC 2047 encoded words and the body declares UTF-8.
    expect(viMail.raw).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/im);
    expect(viMail.raw).toMatch(/Content-Type: text\/plain; charset=utf-8/i);
    const enMail = to('partner@example.com');
    expect(enMail.subject).toBe('[Đồng Lòng] Product idea returned: Chè búp Đồng Tâm');
    expect(enMail.text).toContain(
      'The coordination office returned the idea registration for “Chè búp Đồng Tâm”. Reason: Bổ sung bản đồ vùng nguyên liệu chè. Please complete it and send it again.',
    );
    expect(enMail.text).toContain(`Details: https://donglong.kiemthu.gov.vn/ocop/san-pham/${product.body.id}`);
    expect(enMail.text).toContain('— Đồng Lòng (automatic message, please do not reply)');
    expect(enMail.text).not.toMatch(/Lý do|Xem chi tiết/);
  });

  it('a returned month reaches the commune in Vietnamese, with every returned indicator and its comment', async () => {
    const p = await makeProvince(env.deps);
    const officer = await makeUser(env.deps, 'commune_officer', p.communeA.id, { email: 'canbo.haidong@kiemthu.gov.vn' });
    const notice: Notice = {
      userIds: [officer.id],
      kind: 'assessment.returned',
      params: {
        unit: 'xã Hải Đông',
        month: { month: '2026-02' },
        comment: phrase('generalComment', { comment: 'Bổ sung minh chứng cho tiêu chí môi trường' }),
        indicators: phrase('returnedIndicators', {
          count: 2,
          lines: {
            lines: [
              phrase('indicatorComment', { code: '17.6', comment: 'Thiếu biên bản nghiệm thu' }),
              phrase('indicatorOnly', { code: '2.1' }),
            ],
          },
        }),
      },
      link: '/kiem-dem/42',
      dedupeKey: 'assessment.returned:42:3',
    };
    await env.deps.db.transaction((tx) => notify(tx, notice, new Date()));
    received.length = 0;
    await flushOutbox(env.deps);
    expect(received).toHaveLength(1);
    expect(received[0]!.subject).toBe('[Đồng Lòng] Kết quả kiểm đếm tháng 02/2026 của xã Hải Đông được trả lại để bổ sung');
    expect(received[0]!.text).toContain(
      'Văn phòng điều phối trả lại kết quả kiểm đếm tháng 02/2026.\nÝ kiến chung: Bổ sung minh chứng cho tiêu chí môi trường\n' +
        'Các chỉ tiêu cần bổ sung (2):\n• Chỉ tiêu 17.6: Thiếu biên bản nghiệm thu\n• Chỉ tiêu 2.1',
    );
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
