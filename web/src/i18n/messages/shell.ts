import { defineMessages } from '../define';

/** The frame around every page: header, navigation menu, language switch, page not found. */
export const shell = defineMessages({
  vi: {
    navUsers: 'Người dùng & phân quyền',
    navAudit: 'Nhật ký thay đổi',
    workingUnit: 'Đơn vị làm việc',
    skipToContent: 'Chuyển đến nội dung chính',
    openMenu: 'Mở menu',
    closeMenu: 'Đóng menu',
    navCriteria: 'Bộ tiêu chí',
    navInbox: 'Thông báo',
    navOutbox: 'Hộp thư đi',
    notFoundPage: 'Không tìm thấy trang.',
    backHome: 'Về trang đầu',
    navPortal: 'Cổng công khai',
    navTodo: 'Việc cần làm',
  },
  en: {
    navUsers: 'Users & roles',
    navAudit: 'Audit trail',
    workingUnit: 'Working unit',
    skipToContent: 'Skip to main content',
    openMenu: 'Open menu',
    closeMenu: 'Close menu',
    navCriteria: 'Criteria sets',
    navInbox: 'Notifications',
    navOutbox: 'E-mail outbox',
    notFoundPage: 'Page not found.',
    backHome: 'Back to start',
    navPortal: 'Public portal',
    navTodo: 'My to-do list',
  },
});
