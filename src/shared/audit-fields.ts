import { ROLE_LABELS } from './roles';
import { formatDateTimeVi, formatDateVi, formatMonthVi, formatNumberVi } from './vi';

type Lang = 'vi' | 'en';
const L = (vi: string, en: string) => ({ vi, en });

/** What the fields recorded in the trail are called; a field not named here stays in the technical view. */
const FIELD_LABELS: Record<string, { vi: string; en: string }> = {
  name: L('Tên', 'Name'),
  fullName: L('Họ và tên', 'Full name'),
  username: L('Tên đăng nhập', 'Username'),
  email: L('Thư điện tử', 'E-mail'),
  active: L('Đang hoạt động', 'Active'),
  role: L('Vai trò', 'Role'),
  code: L('Mã', 'Code'),
  title: L('Tiêu đề', 'Title'),
  text: L('Nội dung', 'Text'),
  note: L('Ghi chú', 'Note'),
  reason: L('Lý do', 'Reason'),
  comment: L('Nhận xét', 'Comment'),
  answer: L('Trả lời', 'Answer'),
  value: L('Giá trị', 'Value'),
  status: L('Trạng thái', 'Status'),
  stage: L('Bước', 'Step'),
  decision: L('Quyết định', 'Decision'),
  decisionNo: L('Số quyết định', 'Decision number'),
  number: L('Số', 'Number'),
  star: L('Hạng sao', 'Stars'),
  total: L('Tổng điểm', 'Total score'),
  year: L('Năm', 'Year'),
  month: L('Tháng', 'Month'),
  period: L('Kỳ', 'Period'),
  amount: L('Số tiền', 'Amount'),
  amountDong: L('Số tiền (đồng)', 'Amount (đồng)'),
  paidOn: L('Ngày thanh toán', 'Paid on'),
  deadline: L('Hạn', 'Deadline'),
  dueOn: L('Hạn', 'Due'),
  targetMonth: L('Tháng hoàn thành', 'Target month'),
  percent: L('Tiến độ (%)', 'Progress (%)'),
  effectiveFrom: L('Hiệu lực từ', 'Effective from'),
  effectiveTo: L('Hiệu lực đến', 'Effective until'),
  address: L('Địa chỉ', 'Address'),
  phone: L('Điện thoại', 'Phone'),
  category: L('Lĩnh vực', 'Category'),
  addresseeLabel: L('Cơ quan thực hiện', 'Addressee'),
  assigneeLabel: L('Cơ quan giải quyết', 'Assignee'),
  rows: L('Số dòng', 'Rows'),
  count: L('Số lượng', 'Count'),
  task: L('Nội dung công việc', 'Task'),
  confirmed: L('Đã xác nhận', 'Confirmed'),
  priority: L('Mức ưu tiên', 'Priority'),
  progress: L('Tiến độ (%)', 'Progress (%)'),
  jobTitle: L('Chức danh', 'Job title'),
  costClass: L('Kinh phí', 'Cost'),
};

/** Fields whose meaning depends on the kind of record. */
const FIELD_LABELS_OF: Record<string, Record<string, { vi: string; en: string }>> = {
  user: { title: L('Chức danh', 'Job title') },
  role_grant: {},
};

/** Fields that hold a month (stored as its first day). */
const MONTH_FIELDS = new Set(['targetMonth', 'month', 'period']);

/** The words for the states a record passes through; a state not named here is not shown. */
const STATE_WORDS: Record<string, { vi: string; en: string }> = {
  draft: L('Bản nháp', 'Draft'),
  published: L('Đã công bố', 'Published'),
  retired: L('Hết hiệu lực', 'Retired'),
  approved: L('Đã phê duyệt', 'Approved'),
  superseded: L('Đã được thay thế', 'Superseded'),
  open: L('Đang mở', 'Open'),
  closed: L('Đã kết thúc', 'Closed'),
  submitted: L('Đã gửi xác minh', 'Submitted'),
  returned: L('Trả lại bổ sung', 'Returned'),
  verified: L('Đã xác minh', 'Verified'),
  locked: L('Đã khóa', 'Locked'),
  pending: L('Đang chờ', 'Pending'),
  accepted: L('Đã chấp nhận', 'Accepted'),
  rejected: L('Không chấp nhận', 'Rejected'),
  not_accepted: L('Không chấp nhận', 'Not accepted'),
  received: L('Đã tiếp nhận', 'Received'),
  assigned: L('Đã giao', 'Assigned'),
  answered: L('Đã trả lời', 'Answered'),
  in_progress: L('Đang thực hiện', 'In progress'),
  done: L('Hoàn thành', 'Done'),
  overdue: L('Quá hạn', 'Overdue'),
  scoring: L('Đang chấm', 'Scoring'),
  rescore: L('Chấm lại', 'Rescoring'),
  decided: L('Đã chốt', 'Decided'),
  suggested: L('Đề xuất', 'Suggested'),
  not_started: L('Chưa bắt đầu', 'Not started'),
  at_risk: L('Có nguy cơ chậm', 'At risk'),
  none: L('Không cần kinh phí', 'No cost'),
  budget: L('Cần kinh phí sự nghiệp', 'Needs a budget'),
  investment: L('Cần vốn đầu tư', 'Needs investment'),
  confirmed: L('Đã xác nhận', 'Confirmed'),
};
/** Fields whose values are states or kinds (stored as codes): shown only in words. */
const STATE_FIELDS = new Set(['status', 'stage', 'decision', 'category', 'kind', 'costClass']);

const INDICATOR = /^\d+(\.\d+)*[a-z]?$/i;
const TECHNICAL = /(^id$|Id$|^version$|^rowVersion$|Key$|Hash$|^hash$|At$|By$|^isDemo$)/;

/** A recorded value in words: dates the Vietnamese way, numbers with a decimal comma, yes/no, nested values flattened. */
export function fieldValue(v: unknown, lang: Lang): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? (lang === 'vi' ? 'Có' : 'Yes') : lang === 'vi' ? 'Không' : 'No';
  if (typeof v === 'number') return formatNumberVi(v);
  if (typeof v === 'string') {
    if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return formatDateVi(v);
    if (/^\d{4}-\d{2}-\d{2}T/.test(v)) return formatDateTimeVi(v);
    return v.length > 300 ? `${v.slice(0, 299)}…` : v;
  }
  if (Array.isArray(v)) return v.map((x) => fieldValue(x, lang)).join('; ');
  if (typeof v === 'object') {
    const parts = Object.entries(v as Record<string, unknown>)
      .filter(([k, x]) => !TECHNICAL.test(k) && (x === null || typeof x !== 'object'))
      .map(([, x]) => fieldValue(x, lang))
      .filter((x) => x !== '—');
    return parts.length ? parts.join(' — ') : '—';
  }
  return '—';
}

/**
 * The fields an event changed, named for a person: fields both sides have that differ (or that one
 * side has), known fields and indicator codes only — the rest is in the technical view.
 */
export function changedFields(before: unknown, after: unknown, lang: Lang, kind?: string) {
  const obj = (x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, unknown>) : {});
  const b = obj(before);
  const a = obj(after);
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  const shown: { label: string; before: string; after: string }[] = [];
  for (const k of keys) {
    const label =
      (kind ? FIELD_LABELS_OF[kind]?.[k]?.[lang] : undefined) ??
      FIELD_LABELS[k]?.[lang] ??
      (INDICATOR.test(k) ? `${lang === 'vi' ? 'Chỉ tiêu' : 'Indicator'} ${k}` : null);
    if (!label) continue;
    const words = (x: unknown): string | null => {
      if (k === 'role' && typeof x === 'string')
        return x in ROLE_LABELS ? ROLE_LABELS[x as keyof typeof ROLE_LABELS][lang] : null;
      if (STATE_FIELDS.has(k) && typeof x === 'string') return STATE_WORDS[x]?.[lang] ?? null;
      if (MONTH_FIELDS.has(k) && typeof x === 'string' && /^\d{4}-\d{2}(-01)?$/.test(x)) return formatMonthVi(x.slice(0, 7));
      return fieldValue(x, lang);
    };
    const was = k in b ? words(b[k]) : '—';
    const now = k in a ? words(a[k]) : '—';
    if (was === null || now === null) continue;
    if (before && after && was === now) continue;
    shown.push({ label, before: was, after: now });
  }
  return { shown };
}
