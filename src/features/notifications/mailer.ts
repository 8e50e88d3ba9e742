import { and, eq, inArray, lt } from 'drizzle-orm';
import type { Transporter } from 'nodemailer';
import type { Deps } from '../../context';
import { outboxEmails } from '../../db/schema';
import { loadNodemailer } from '../../lib/lazy';

const transports = new Map<string, Transporter>();
async function transportFor(url: string): Promise<Transporter> {
  let t = transports.get(url);
  if (!t) {
    t = (await loadNodemailer()).createTransport(url);
    transports.set(url, t);
  }
  return t;
}

/**
 * Delivers pending e-mails. Rows are claimed with SKIP LOCKED so two instances never send the same
 * mail; without SMTP configured they are marked 'held' and stay readable in the outbox page.
 */
export async function flushOutbox(deps: Deps, limit = 50): Promise<{ sent: number; held: number; failed: number }> {
  const result = { sent: 0, held: 0, failed: 0 };
  const claimed = await deps.db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(outboxEmails)
      .where(and(eq(outboxEmails.status, 'pending'), lt(outboxEmails.attempts, 5)))
      .orderBy(outboxEmails.id)
      .limit(limit)
      .for('update', { skipLocked: true });
    if (!rows.length) return [];
    if (!deps.config.smtpUrl) {
      await tx
        .update(outboxEmails)
        .set({ status: 'held' })
        .where(
          inArray(
            outboxEmails.id,
            rows.map((r) => r.id),
          ),
        );
      result.held = rows.length;
      return [];
    }
    // Claimed while locked: another instance skips these rows; a crash leaves them 'sending' for an administrator.
    await tx
      .update(outboxEmails)
      .set({ status: 'sending' })
      .where(
        inArray(
          outboxEmails.id,
          rows.map((r) => r.id),
        ),
      );
    return rows;
  });
  for (const mail of claimed) {
    try {
      await (
        await transportFor(deps.config.smtpUrl!)
      ).sendMail({
        from: deps.config.mailFrom,
        to: mail.toAddress,
        subject: mail.subject,
        text: mail.text,
      });
      await deps.db
        .update(outboxEmails)
        .set({ status: 'sent', sentAt: deps.clock.now(), lastError: null })
        .where(eq(outboxEmails.id, mail.id));
      result.sent++;
    } catch (err) {
      const attempts = mail.attempts + 1;
      await deps.db
        .update(outboxEmails)
        .set({
          status: attempts >= 5 ? 'failed' : 'pending',
          attempts,
          lastError: String(err instanceof Error ? err.message : err).slice(0, 500),
        })
        .where(eq(outboxEmails.id, mail.id));
      result.failed++;
    }
  }
  return result;
}
