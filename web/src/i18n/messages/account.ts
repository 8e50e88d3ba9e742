import { defineMessages } from '../define';

/** The person’s own account page. */
export const account = defineMessages({
  vi: {
    changePassword: 'Đổi mật khẩu',
    currentPassword: 'Mật khẩu hiện tại',
    passwordChanged: 'Đã đổi mật khẩu. Các phiên đăng nhập khác đã được đăng xuất.',
    prefsTitle: 'Nhận thông báo',
    prefEmail: 'Gửi thông báo qua thư điện tử',
    prefDigest: 'Nhận bản tổng hợp hằng ngày',
  },
  en: {
    changePassword: 'Change password',
    currentPassword: 'Current password',
    passwordChanged: 'Password changed. Your other sessions were signed out.',
    prefsTitle: 'Notification preferences',
    prefEmail: 'Send notifications by e-mail',
    prefDigest: 'Receive the daily digest',
  },
});
