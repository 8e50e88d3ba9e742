import { defineMessages } from '../define';

/** Signing in and out, sessions and passwords. */
export const auth = defineMessages({
  vi: {
    loginTitle: 'Đăng nhập',
    loginButton: 'Đăng nhập',
    logout: 'Đăng xuất',
    signOutUnsyncedTitle: 'Còn thay đổi chưa đồng bộ',
    signOutUnsyncedBody: 'Bạn còn {n} thay đổi chưa đồng bộ trên máy này.',
    signOutConflicts: 'Trong đó {n} thay đổi có xung đột, đang chờ bạn chọn giữ số liệu nào.',
    signOutUnsyncedKept:
      'Nếu đăng xuất, các thay đổi được giữ trên máy cho riêng bạn, người đăng nhập sau không xem được; chúng chỉ được gửi khi bạn đăng nhập lại trên máy này.',
    signOutStay: 'Ở lại',
    signOutAnyway: 'Vẫn đăng xuất',
    sessionExpired: 'Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.',
  },
  en: {
    loginTitle: 'Sign in',
    loginButton: 'Sign in',
    logout: 'Sign out',
    signOutUnsyncedTitle: 'Changes not yet synced',
    signOutUnsyncedBody: 'You still have {n} changes on this device that are not synced.',
    signOutConflicts: '{n} of them are in conflict and wait for you to choose which figures to keep.',
    signOutUnsyncedKept:
      'If you sign out, they are kept on this device for you alone — whoever signs in next cannot see them — and are sent only when you sign in again on this device.',
    signOutStay: 'Stay signed in',
    signOutAnyway: 'Sign out anyway',
    sessionExpired: 'Your session has expired. Please sign in again.',
  },
});
