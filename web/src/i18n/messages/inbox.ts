import { defineMessages } from '../define';

/** Notifications: inbox and outbox. */
export const inbox = defineMessages({
  vi: {
    inboxTitle: 'Thông báo của tôi',
    markAllRead: 'Đánh dấu đã đọc tất cả',
    markRead: 'Đánh dấu đã đọc',
    noNotifications: 'Không có thông báo.',
    outboxTitle: 'Hộp thư đi (e-mail)',
    smtpOff: 'Chưa cấu hình máy chủ thư (SMTP_URL): thư được giữ lại tại đây, không bị mất.',
  },
  en: {
    inboxTitle: 'My notifications',
    markAllRead: 'Mark all read',
    markRead: 'Mark read',
    noNotifications: 'No notifications.',
    outboxTitle: 'E-mail outbox',
    smtpOff: 'No mail server configured (SMTP_URL): mails are kept here, not lost.',
  },
});
