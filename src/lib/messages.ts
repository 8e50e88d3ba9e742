import type { ErrorCode } from './errors';

export type Lang = 'vi' | 'en';

type Messages = Record<ErrorCode, { vi: string; en: string }>;

/** Error messages a person can act on, Vietnamese first. `{name}` is replaced from params. */
const MESSAGES: Messages = {
  VALIDATION_FAILED: {
    vi: 'Dữ liệu gửi lên chưa hợp lệ. Vui lòng kiểm tra các trường được đánh dấu.',
    en: 'The submitted data is not valid. Please check the highlighted fields.',
  },
  BAD_REQUEST: { vi: 'Yêu cầu không hợp lệ.', en: 'The request is not valid.' },
  UNAUTHENTICATED: {
    vi: 'Bạn cần đăng nhập để tiếp tục.',
    en: 'You need to sign in to continue.',
  },
  INVALID_CREDENTIALS: {
    vi: 'Tên đăng nhập hoặc mật khẩu không đúng.',
    en: 'The username or password is incorrect.',
  },
  SESSION_EXPIRED: {
    vi: 'Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.',
    en: 'Your session has expired. Please sign in again.',
  },
  CSRF_FAILED: {
    vi: 'Yêu cầu bị từ chối vì thiếu mã bảo vệ (CSRF). Vui lòng tải lại trang.',
    en: 'The request was refused because its protection token (CSRF) is missing or wrong. Please reload the page.',
  },
  FORBIDDEN: {
    vi: 'Bạn không có quyền thực hiện thao tác này.',
    en: 'You are not allowed to do this.',
  },
  NOT_FOUND: {
    vi: 'Không tìm thấy dữ liệu yêu cầu, hoặc dữ liệu nằm ngoài phạm vi được giao.',
    en: 'The requested item was not found or is outside your scope.',
  },
  CONFLICT: {
    vi: 'Dữ liệu trùng hoặc mâu thuẫn với dữ liệu đã có.',
    en: 'This conflicts with data that already exists.',
  },
  VERSION_CONFLICT: {
    vi: 'Dữ liệu đã được người khác thay đổi sau khi bạn mở. Vui lòng tải lại và nhập lại thay đổi của bạn.',
    en: 'Someone else changed this after you opened it. Reload and apply your change again.',
  },
  PAYLOAD_TOO_LARGE: {
    vi: 'Tệp hoặc dữ liệu gửi lên quá lớn (tối đa {limit}).',
    en: 'The file or data is too large (at most {limit}).',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    vi: 'Định dạng tệp không được hỗ trợ.',
    en: 'This file type is not supported.',
  },
  IMPORT_FAILED: {
    vi: 'Không nhập được tệp: có {count} lỗi. Không có dữ liệu nào được ghi. Xem chi tiết từng dòng.',
    en: 'The file was not imported: {count} errors. Nothing was written. See the row details.',
  },
  RULE_VIOLATION: {
    vi: 'Thao tác không phù hợp với quy định nghiệp vụ: {rule}.',
    en: 'This is not allowed by the business rules: {rule}.',
  },
  UNIT_READ_ONLY: {
    vi: '{unit} đã kết thúc từ ngày {date} (sáp nhập, chia tách hoặc giải thể): dữ liệu của đơn vị là lịch sử, chỉ xem. Chỉ quản trị hệ thống được sửa, kèm lý do.',
    en: '{unit} ended on {date} (merged, split or dissolved): its records are history and read-only. Only a system administrator may correct them, with a reason.',
  },
  ACCOUNT_LOCKED: {
    vi: 'Tài khoản tạm khóa do đăng nhập sai nhiều lần. Thử lại sau {minutes} phút.',
    en: 'The account is temporarily locked after repeated failed sign-ins. Try again in {minutes} minutes.',
  },
  RATE_LIMITED: {
    vi: 'Quá nhiều yêu cầu. Vui lòng thử lại sau ít phút.',
    en: 'Too many requests. Please try again in a few minutes.',
  },
  INTERNAL: {
    vi: 'Đã xảy ra lỗi hệ thống. Mã yêu cầu: {requestId}.',
    en: 'A system error occurred. Request id: {requestId}.',
  },
  SERVICE_UNAVAILABLE: {
    vi: 'Hệ thống tạm thời không kết nối được cơ sở dữ liệu. Vui lòng thử lại sau.',
    en: 'The system cannot reach its database right now. Please try again shortly.',
  },
};

export function messageFor(code: ErrorCode, lang: Lang, params: Record<string, string | number> = {}) {
  const template = MESSAGES[code][lang];
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(params[key] ?? `{${key}}`));
}

/** Vietnamese unless the client prefers English first. */
export function pickLang(acceptLanguage: string | undefined | null): Lang {
  if (!acceptLanguage) return 'vi';
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'vi';
}

/**
 * Field problems a use case names by code alone (`{ path, code }`): the error envelope gives them
 * their words in the reader's language, `{path}` being the field (an indicator's code).
 */
export const FIELD_TEXT: Record<string, { vi: string; en: string }> = {
  unknown_indicator: {
    vi: 'Chỉ tiêu {path} không thuộc bộ tiêu chí áp dụng cho kỳ này',
    en: 'Indicator {path} is not in the set that applies to this month',
  },
  outside_council_area: {
    vi: 'Đơn vị nằm ngoài địa bàn của HĐND',
    en: 'The unit is outside the council’s area',
  },
  not_of_this_council: {
    vi: 'Không thuộc HĐND này',
    en: 'Does not belong to this council',
  },
  date_in_future: {
    vi: 'Ngày này không được sau ngày hôm nay',
    en: 'This date cannot be later than today',
  },
};

/** Why a FORBIDDEN answer was given, in words (appended to the message). */
export const FORBIDDEN_REASON_TEXT: Record<string, { vi: string; en: string }> = {
  not_on_oneself: {
    vi: 'Không tự thực hiện thao tác quản trị trên tài khoản của chính mình.',
    en: 'Administrative actions cannot be taken on one’s own account.',
  },
  target_holds_more: {
    vi: 'Người này giữ vai trò vượt quá thẩm quyền của bạn.',
    en: 'This person holds roles beyond your authority.',
  },
  system_admin_only_by_admin: {
    vi: 'Chỉ quản trị hệ thống mới giao được vai trò quản trị hệ thống.',
    en: 'Only a system administrator grants the system administrator role.',
  },
  council_roles_by_secretariat: {
    vi: 'Vai trò của HĐND chỉ do quản trị hệ thống hoặc Văn phòng HĐND của chính Hội đồng đó giao.',
    en: 'Council roles are granted only by a system administrator or by that council’s own secretariat.',
  },
  role_only_by_admin: {
    vi: 'Vai trò này chỉ do quản trị hệ thống giao.',
    en: 'Only a system administrator grants this role.',
  },
  role_beyond_own: {
    vi: 'Không giao vai trò có quyền vượt quá quyền của chính bạn tại đơn vị đó.',
    en: 'You cannot grant a role with more powers than you hold at that unit.',
  },
};

/** Plain-language names of the business rules a RULE_VIOLATION can name. */
export const RULE_TEXT = {
  executive_council_separation: {
    vi: 'một người không đồng thời giữ vai trò của cơ quan hành chính và của HĐND giám sát cơ quan đó',
    en: 'the same person cannot hold an executive role and a role of the council that oversees it',
  },
  cannot_deactivate_self: { vi: 'không tự khóa tài khoản của chính mình', en: 'you cannot deactivate your own account' },
  agency_not_over_unit: {
    vi: 'cơ quan được chọn không phụ trách đơn vị này hoặc cấp trên của nó',
    en: 'the chosen agency does not work for this unit or one above it',
  },
  allocation_below_paid: {
    vi: 'phân bổ sau điều chỉnh thấp hơn số đã giải ngân của dự án trong năm',
    en: 'the adjusted allocation is below what the project has already been paid this year',
  },
  already_published: { vi: 'bộ tiêu chí đã được công bố', en: 'the set is already published' },
  base_set_not_published: { vi: 'bộ tiêu chí gốc chưa được công bố', en: 'the base set is not published' },
  cannot_submit_from: {
    vi: 'chỉ gửi xác minh khi tháng đang nhập hoặc đã bị trả lại',
    en: 'a month is submitted only while in draft or returned',
  },
  cannot_verify_with_returned_indicators: {
    vi: 'không thể xác minh khi còn chỉ tiêu bị trả lại',
    en: 'a month with returned indicators cannot be verified',
  },
  code_and_version_are_fixed: {
    vi: 'mã và phiên bản của bản nháp không được đổi',
    en: 'a draft keeps its code and version',
  },
  lead_user_not_for_unit: {
    vi: 'người phụ trách phải là cán bộ của cơ quan chủ trì hoặc được giao việc ở đơn vị này hoặc cấp trên',
    en: 'the person in charge must work for an agency or hold a role over this unit',
  },
  step_not_allowed: {
    vi: 'bước này không thực hiện được ở trạng thái hiện tại',
    en: 'this step is not possible in the current state',
  },
  target_month_out_of_range: {
    vi: 'thời hạn {month} không hợp lệ: chọn từ tháng này đến hết năm 2035',
    en: 'the deadline {month} is not possible: choose from this month up to the end of 2035',
  },
  suggestion_not_confirmed: {
    vi: 'việc đề xuất chưa được xác nhận: xác nhận (giao cơ quan chủ trì, thời hạn) trước khi cập nhật tiến độ',
    en: 'this suggestion is not confirmed yet: confirm it (lead agency, deadline) before changing its progress',
  },
  item_listed_twice: { vi: 'một việc được chọn hai lần', en: 'an item is listed twice' },
  roadmap_no_step_back: {
    vi: 'việc đã bắt đầu thì không trở lại trạng thái “Chưa bắt đầu”',
    en: 'work that has started does not go back to “not started”',
  },
  item_already_confirmed: {
    vi: 'việc của chỉ tiêu {indicator} đã được xác nhận trước đó; tải lại danh sách rồi chọn lại',
    en: 'the item for indicator {indicator} is already confirmed; reload and choose again',
  },
  level_not_below_parent: { vi: 'đơn vị phải thấp hơn cấp của đơn vị cha', en: 'a unit must be below its parent’s level' },
  no_assessment_for_unit: {
    vi: 'đơn vị chưa có kỳ đánh giá nào để đề xuất việc cần làm',
    en: 'the unit has no assessed month to suggest tasks from',
  },
  no_cost_item_has_estimate: {
    vi: 'việc không cần kinh phí thì không ghi dự toán',
    en: 'a no-cost task carries no cost estimate',
  },
  not_a_community_source: {
    vi: 'đóng góp của nhân dân chỉ ghi vào nguồn xã hội hóa (tiền, đất, ngày công)',
    en: 'community contributions go to a community source (money, land, working days)',
  },
  not_submitted: { vi: 'tháng chưa được gửi xác minh', en: 'the month has not been submitted' },
  not_verified: { vi: 'tháng chưa được xác minh', en: 'the month is not verified' },
  ocop_rescore_pending: {
    vi: 'đã yêu cầu các thành viên chấm lại: chờ có phiếu chấm mới trước khi chốt',
    en: 'members were asked to rescore: wait for a new sheet before deciding',
  },
  only_approved_plans_are_adjusted: {
    vi: 'chỉ điều chỉnh kế hoạch đã được phê duyệt',
    en: 'only an approved plan can be adjusted',
  },
  parent_not_active: {
    vi: 'đơn vị cha không còn hiệu lực vào ngày này',
    en: 'the parent unit is not in force on that date',
  },
  payment_must_be_positive: {
    vi: 'khoản giải ngân phải là số dương; ghi giảm một khoản đã chi bằng chức năng ghi giảm',
    en: 'a payment is positive; take back a payment with a reversal',
  },
  plan_not_draft: { vi: 'chỉ sửa kế hoạch đang là bản nháp', en: 'only a draft plan can be changed' },
  plan_previous_not_current: {
    vi: 'kế hoạch được điều chỉnh không còn là kế hoạch hiện hành',
    en: 'the plan this adjusts is no longer the current one',
  },
  plan_year_has_current_plan: {
    vi: 'đơn vị đã có kế hoạch hiện hành cho năm này; hãy điều chỉnh kế hoạch đó',
    en: 'the unit already has a current plan for this year; adjust that one',
  },
  project_outside_plan_unit: {
    vi: 'dự án không thuộc địa bàn của kế hoạch',
    en: 'the project is outside the plan’s unit',
  },
  return_needs_a_comment: {
    vi: 'trả lại cần ghi nhận xét hoặc chỉ rõ chỉ tiêu',
    en: 'returning needs a comment or the indicators concerned',
  },
  reversal_of_unknown_payment: {
    vi: 'khoản ghi giảm phải chỉ đúng một khoản đã chi',
    en: 'a reversal must name a payment',
  },
  reversal_mismatch: {
    vi: 'khoản ghi giảm khác dự án, nguồn hoặc năm của khoản đã chi',
    en: 'the reversal does not match the payment’s project, source or year',
  },
  reversal_exceeds_payment: {
    vi: 'số ghi giảm vượt số còn lại của khoản đã chi',
    en: 'the reversal exceeds what is left of the payment',
  },
  reversal_before_payment: { vi: 'ngày ghi giảm trước ngày chi', en: 'reversed before it was paid' },
  unit_not_active_in_period: {
    vi: 'đơn vị không tồn tại trong tháng này',
    en: 'the unit did not exist in that month',
  },
  evidence_already_attached: {
    vi: 'tệp này đã được đính kèm cho chỉ tiêu {indicator} (“{name}”)',
    en: 'this file is already attached to indicator {indicator} (“{name}”)',
  },
  unknown_funding_source: { vi: 'nguồn vốn không có trong danh mục', en: 'unknown funding source' },
  duplicate_new_unit_key: { vi: 'hai đơn vị mới trùng khóa', en: 'two new units share a key' },
  merge_into_itself: { vi: 'không sáp nhập một đơn vị vào chính nó', en: 'a unit cannot be merged into itself' },
  merge_needs_target: { vi: 'cần chọn đơn vị nhận hoặc khai báo đơn vị mới', en: 'choose the receiving unit or a new one' },
  merge_needs_two_units: { vi: 'sáp nhập cần ít nhất hai đơn vị', en: 'a merge needs at least two units' },
  reassign_cycle: { vi: 'không đặt đơn vị làm cấp trên của chính nó', en: 'a unit cannot be placed under itself' },
  reassign_needs_units: { vi: 'cần chọn đơn vị để chuyển', en: 'choose the units to move' },
  reassign_same_parent: { vi: 'đơn vị đã thuộc cấp trên này', en: 'the unit is already under that parent' },
  reclassify_same_type: { vi: 'loại đơn vị không đổi', en: 'the unit type does not change' },
  split_children_unassigned: { vi: 'còn đơn vị trực thuộc chưa được giao cho đơn vị mới', en: 'some children are not assigned' },
  split_needs_two_units: { vi: 'chia tách cần ít nhất hai đơn vị mới', en: 'a split needs at least two new units' },
  unit_not_active: { vi: 'đơn vị không còn hiệu lực vào ngày này', en: 'the unit is not in force on that date' },
  unit_unknown: { vi: 'không có đơn vị này', en: 'no such unit' },
  assessment_locked: { vi: 'tháng đã xác minh và khóa', en: 'the month is verified and locked' },
  assessment_submitted: { vi: 'tháng đã gửi xác minh, chờ văn phòng điều phối', en: 'the month is awaiting verification' },
  unit_not_classified: { vi: 'đơn vị chưa được xác định vùng / nhóm xã', en: 'the unit has no region or commune group' },
  no_criteria_set_for_unit: {
    vi: 'chưa có bộ tiêu chí áp dụng cho đơn vị và kỳ này',
    en: 'no criteria set applies to this unit and month',
  },
  no_allocation: {
    vi: 'dự án chưa được phân bổ vốn từ nguồn này trong năm kế hoạch',
    en: 'no allocation from this source in the plan year',
  },
  exceeds_allocation: { vi: 'lũy kế giải ngân vượt vốn đã phân bổ', en: 'disbursement would exceed the allocation' },
  after_deadline: {
    vi: 'vốn còn lại của dự án từ nguồn này đã quá thời hạn giải ngân',
    en: 'the capital left from this source is past its disbursement deadline',
  },
  tranche_not_found: {
    vi: 'không có đợt vốn được giao vào ngày đã ghi cho dự án, nguồn và năm này',
    en: 'no tranche of capital added on that date for this project, source and year',
  },
  tranche_after_resolution: {
    vi: 'đợt vốn bổ sung không được ghi ngày sau ngày nghị quyết phê duyệt',
    en: 'a tranche added by the plan cannot be dated after the approving resolution',
  },
  tranche_grows_old_capital: {
    vi: 'vốn tăng thêm khi điều chỉnh là một đợt mới với ngày giao của nó, không cộng vào đợt cũ',
    en: 'capital added by an adjustment is a new tranche with its own date, not an increase of an earlier one',
  },
  before_plan_year: { vi: 'ngày thanh toán trước năm kế hoạch', en: 'paid before the plan year' },
  paid_before_capital: {
    vi: 'ngày thanh toán trước ngày giao vốn: khoản chi chỉ dùng vốn đã được giao đến ngày đó',
    en: 'paid before the capital was added: a payment uses only capital added by its date',
  },
  voucher_reused: {
    vi: 'số chứng từ này đã ghi cho một khoản chi khác của dự án, nguồn và năm này (khác ngày hoặc số tiền)',
    en: 'this voucher is already recorded for another payment of the project, source and year',
  },
  payment_in_future: { vi: 'ngày thanh toán chưa đến: chỉ ghi khoản đã chi', en: 'the payment date has not come yet' },
  tranche_redates_old_capital: {
    vi: 'vốn đã giao giữ nguyên ngày giao; khi điều chỉnh, chỉ phần vốn tăng thêm mới là đợt mới',
    en: 'capital already given keeps its date; only what an adjustment adds is a new tranche',
  },
  tranche_before_previous: {
    vi: 'đợt vốn bổ sung không được ghi ngày trước nghị quyết của kế hoạch trước',
    en: 'capital added by an adjustment cannot be dated before the previous resolution',
  },
  allocation_exceeds_plan: { vi: 'phân bổ vượt số vốn kế hoạch của nguồn', en: 'allocation exceeds the plan for the source' },
  dossier_incomplete: { vi: 'hồ sơ thủ tục đầu tư chưa đầy đủ', en: 'the investment dossier is incomplete' },
  status_transition: { vi: 'chỉ được chuyển sang bước kế tiếp', en: 'status may only move one step forward' },
  overlay_loosens_base: {
    vi: 'bộ tiêu chí của tỉnh không được thấp hơn bộ quốc gia',
    en: 'a provincial overlay may not loosen the national set',
  },
  set_precedence_unclear: {
    vi: 'bộ tiêu chí phải ghi rõ phạm vi: bộ quốc gia do Trung ương ban hành; bộ của tỉnh là bộ bổ sung (nâng cao yêu cầu) bộ quốc gia, hoặc bộ thay thế khi pháp luật cho phép (ghi căn cứ)',
    en: 'a set must say where it applies: a national set is issued for the country; a provincial set overlays the national one, or replaces it where the law allows (with that provision)',
  },
  set_applicability_collides: {
    vi: 'trùng phạm vi áp dụng với một bộ tiêu chí đã công bố (cùng cấp, cùng địa bàn, loại đơn vị, nhóm và thời gian hiệu lực); hãy điều chỉnh ngày hiệu lực hoặc phạm vi',
    en: 'its applicability overlaps a published set (same level, territory, unit types, classes and dates); change the dates or the scope',
  },
  published_set_is_frozen: {
    vi: 'bộ tiêu chí đã công bố không được sửa, hãy tạo bản nháp mới',
    en: 'a published set is frozen; start a new draft',
  },
  confirm_needs_lead_and_target: {
    vi: 'cần chọn cơ quan chủ trì và thời hạn trước khi xác nhận (chỉ tiêu {indicator})',
    en: 'choose a lead agency and a target month first (indicator {indicator})',
  },
  item_closed: { vi: 'việc đã hoàn thành', en: 'the task is closed' },
  ocop_sheet_draft_exists: {
    vi: 'bộ sản phẩm này đã có một phiếu chấm điểm đang soạn: hãy sửa hoặc công bố phiếu đó',
    en: 'this product set already has a sheet being drafted: edit or publish that one',
  },
  unknown_product_set: { vi: 'bộ sản phẩm OCOP không có trong danh mục 26 bộ', en: 'not one of the 26 OCOP product sets' },
  producer_already_registered: { vi: 'tài khoản đã gắn với một chủ thể OCOP', en: 'this account already has a producer' },
  ocop_unknown_action: { vi: 'bước chuyển không có trong chu trình OCOP', en: 'no such step in the OCOP cycle' },
  ocop_transition_not_allowed: {
    vi: 'sản phẩm đang ở bước không cho phép chuyển như vậy',
    en: 'the product is not at a step this move starts from',
  },
  oversight_status_order: {
    vi: 'hoạt động giám sát chỉ chuyển lần lượt: kế hoạch → đã tổ chức → đã kết luận → theo dõi → tái giám sát',
    en: 'an activity moves one step at a time: planned → held → concluded → follow-up → re-supervised',
  },
  oversight_held_needs_date: { vi: 'cần ghi ngày tổ chức', en: 'the day it was held is required' },
  oversight_conclusion_needed: {
    vi: 'cần có nội dung và ngày của thông báo kết luận',
    en: 'the conclusion text and date are required',
  },
  oversight_snapshot_future: { vi: 'không thể chốt số liệu cho ngày chưa đến', en: 'figures cannot be frozen for a future day' },
  oversight_snapshot_missing: {
    vi: 'hoạt động chưa có bản chốt số liệu',
    en: 'an activity has no frozen snapshot yet',
  },
  oversight_compare_same_council: {
    vi: 'chỉ so sánh hai hoạt động của cùng một HĐND',
    en: 'only two activities of the same council can be compared',
  },
  oversight_recommendation_before_session: {
    vi: 'kiến nghị được ghi sau khi hoạt động giám sát đã diễn ra',
    en: 'recommendations are recorded once the activity has been held',
  },
  oversight_recommendation_closed: {
    vi: 'kiến nghị đã được ghi nhận hoàn thành',
    en: 'the recommendation is already accepted as met',
  },
  council_still_in_office: {
    vi: 'HĐND này vẫn đang hoạt động vào ngày bàn giao (đơn vị hành chính chưa kết thúc)',
    en: 'this council is still in office on the handover date (its unit has not ended)',
  },
  handover_in_future: { vi: 'ngày bàn giao không được sau hôm nay', en: 'the handover date cannot be after today' },
  handover_successor_not_in_office: {
    vi: 'HĐND tiếp nhận phải là một HĐND khác đang hoạt động vào ngày bàn giao',
    en: 'the successor must be another council in office on the handover date',
  },
  council_already_handed_over: {
    vi: 'việc bàn giao của HĐND này đã được ghi nhận',
    en: 'this council’s handover is already recorded',
  },
  handover_needs_successor: {
    vi: 'không có HĐND tiếp nhận thì mọi việc còn mở phải được khép lại kèm lý do',
    en: 'without a successor council every open item must be closed with a reason',
  },
  handover_addressee_ended: {
    vi: 'cơ quan thực hiện mới phải là đơn vị đang hoạt động',
    en: 'the new addressee must be a unit in operation',
  },
  handover_addressee_elsewhere: {
    vi: 'cơ quan nhận mới phải là cơ quan của chính địa bàn việc đó (đơn vị kế thừa của xã cũ, hoặc cấp trên của nó)',
    en: 'the new addressee must cover the place the item is about (the successor of the former unit, or a unit above it)',
  },
  handover_addressee_outside: {
    vi: 'cơ quan thực hiện mới phải thuộc địa bàn của HĐND tiếp nhận',
    en: 'the new addressee must be within the successor council’s area',
  },
  oversight_accept_needs_report: {
    vi: 'chỉ ghi nhận hoàn thành khi cơ quan thực hiện đã báo cáo hoàn thành',
    en: 'a recommendation is accepted only after the addressee reports it done',
  },
  what_if_future_month: {
    vi: 'chưa đến tháng này: chỉ xem trước tác động cho tháng hiện tại hoặc đã qua',
    en: 'this month has not begun: the impact can be previewed for the current or a past month only',
  },
  assessment_future_month: {
    vi: 'chưa đến tháng này: chỉ mở kiểm đếm cho tháng hiện tại hoặc đã qua',
    en: 'this month has not begun: only the current or a past month can be opened',
  },
  portal_future_month: { vi: 'không công bố số liệu của tháng chưa đến', en: 'a future month cannot be published' },
  portal_answer_required: { vi: 'cần có nội dung trả lời khi công khai ý kiến', en: 'publishing feedback needs a public answer' },
  portal_no_council: { vi: 'địa bàn chưa có HĐND trong hệ thống', en: 'no council covers this area' },
  portal_form_invalid: { vi: 'biểu mẫu không hợp lệ', en: 'the form is not valid' },
  portal_form_too_fast: { vi: 'biểu mẫu được gửi quá nhanh', en: 'the form was sent too fast' },
  portal_form_expired: { vi: 'biểu mẫu đã hết hạn, vui lòng tải lại trang', en: 'the form has expired; reload the page' },
  petition_status_order: {
    vi: 'trạng thái kiến nghị cử tri không chuyển được như vậy',
    en: 'the petition cannot move to that status',
  },
  petition_ended: {
    vi: 'kiến nghị đã kết thúc (đã giải quyết, đã chuyển cấp trên hoặc đã bàn giao), không sửa được nữa',
    en: 'the petition has ended (resolved, forwarded or handed over) and can no longer be changed',
  },
  petition_needs_assignee: { vi: 'cần chọn cơ quan trả lời', en: 'choose the body that must answer' },
  petition_answer_by_assignee: {
    vi: 'nội dung trả lời do cơ quan được giao nhập',
    en: 'the answer is entered by the assigned body',
  },
  ocop_transition_not_yours: { vi: 'bước chuyển này do cơ quan khác thực hiện', en: 'this move is made by someone else' },
  ocop_documents_missing: { vi: 'thiếu hồ sơ kèm theo bước chuyển', en: 'documents required for this step are missing' },
  ocop_note_required: { vi: 'cần ghi rõ lý do trả lại', en: 'a reason for returning is required' },
  ocop_one_chair: { vi: 'hội đồng phải có đúng một chủ tịch', en: 'a council has exactly one chair' },
  ocop_quorum: {
    vi: 'số thành viên tối thiểu phải từ 1 đến số thành viên hội đồng',
    en: 'the quorum must be between 1 and the number of members',
  },
  ocop_no_district_level: {
    vi: 'từ 01/7/2025 không còn hội đồng cấp huyện',
    en: 'there are no district councils since 1 July 2025',
  },
  ocop_member_not_eligible: {
    vi: 'thành viên không có quyền chấm điểm OCOP tại đơn vị',
    en: 'a member may not score OCOP products in this unit',
  },
  ocop_round_closed: { vi: 'hội đồng đã kết thúc phiên đánh giá', en: 'the round is closed' },
  ocop_product_outside_round: { vi: 'sản phẩm ngoài địa bàn của hội đồng', en: 'the product is outside the council’s area' },
  ocop_not_submitted_for_evaluation: {
    vi: 'sản phẩm chưa nộp hồ sơ đánh giá, phân hạng',
    en: 'the product has not been submitted for evaluation',
  },
  ocop_no_scoring_sheet: {
    vi: 'chưa có phiếu chấm điểm cho bộ sản phẩm này',
    en: 'no scoring sheet is loaded for this product set',
  },
  ocop_sheet_not_published: {
    vi: 'bộ sản phẩm này chưa có phiếu chấm điểm được ban hành: sản phẩm vẫn đi qua chu trình nhưng hội đồng chưa chấm điểm được cho đến khi có phiếu',
    en: 'no scoring sheet is published for this product set: the product can go through the cycle, but no council can score it until one is',
  },
  ocop_sheet_published: {
    vi: 'phiếu chấm đã ban hành thì không sửa được; hãy tạo bản nháp phiên bản mới',
    en: 'a published sheet is never edited; start a draft of a new version',
  },
  ocop_level_not_in_regime: {
    vi: 'cấp hội đồng không có thẩm quyền công nhận theo quy định hiện hành',
    en: 'this level recognises no stars under the current rules',
  },
  ocop_result_decided: { vi: 'kết quả đã được hội đồng chốt', en: 'the result is already decided' },
  ocop_sheet_incomplete: {
    vi: 'phiếu chấm chưa đủ hoặc có lựa chọn không hợp lệ',
    en: 'the sheet is incomplete or has invalid choices',
  },
  ocop_quorum_not_met: { vi: 'chưa đủ số thành viên chấm điểm tối thiểu', en: 'not enough members have scored' },
  ocop_not_recognised_here: { vi: 'kết quả chưa được công nhận ở cấp này', en: 'the result is not recognised at this level' },
  ocop_decision_in_future: { vi: 'ngày quyết định không được sau ngày hiện tại', en: 'the decision date is in the future' },
  ocop_round_has_open_products: { vi: 'còn sản phẩm chưa chốt kết quả', en: 'some products are not decided yet' },
  not_applicable_not_allowed: {
    vi: 'bộ tiêu chí áp dụng không cho phép chọn "Không áp dụng" ở chỉ tiêu này; hãy nhập giá trị hoặc để trống',
    en: 'the applicable criteria set does not allow "Not applicable" for this indicator; enter a value or leave it empty',
  },
  not_applicable_needs_reason: {
    vi: 'chọn "Không áp dụng" thì phải ghi lý do',
    en: '"Not applicable" needs a reason',
  },
  // Dates that must make sense, repeated lines, steps already taken.
  plan_years_invalid: {
    vi: 'năm của kế hoạch không hợp lý: kế hoạch năm chỉ có một năm; kế hoạch trung hạn kết thúc không trước năm bắt đầu và dài không quá 10 năm',
    en: 'the plan’s years make no sense: an annual plan has one year; a medium-term plan ends no earlier than it starts and spans at most 10 years',
  },
  plan_year_out_of_range: {
    vi: 'năm kế hoạch phải từ 2000 đến không quá 5 năm sau năm hiện tại',
    en: 'the plan year must be from 2000 to at most 5 years after the current year',
  },
  plan_line_source_repeated: {
    vi: 'mỗi nguồn vốn chỉ ghi một dòng trong kế hoạch (nguồn bị lặp: {source})',
    en: 'each funding source has one line in the plan (repeated: {source})',
  },
  plan_adjustment_waiting: {
    vi: 'kế hoạch này đã có một bản điều chỉnh đang chờ phê duyệt; hãy tiếp tục bản đó',
    en: 'an adjustment of this plan is already waiting for approval; continue that one',
  },
  plan_resolution_in_future: {
    vi: 'ngày nghị quyết phê duyệt không được sau ngày hôm nay',
    en: 'the approving resolution cannot be dated after today',
  },
  plan_resolution_before_previous: {
    vi: 'ngày nghị quyết điều chỉnh không được trước ngày phê duyệt phiên bản kế hoạch trước',
    en: 'the adjusting resolution cannot be dated before the approval of the version it replaces',
  },
  plan_resolution_outside_years: {
    vi: 'ngày nghị quyết phải trong khoảng từ năm trước năm kế hoạch đến năm cuối của kế hoạch',
    en: 'the resolution must be dated between the year before the plan’s first year and its last year',
  },
  checkin_month_in_future: {
    vi: 'không báo cáo tiến độ cho tháng chưa đến',
    en: 'progress cannot be reported for a month that has not come yet',
  },
  checkin_month_before_item: {
    vi: 'không báo cáo tiến độ cho tháng trước khi có nhiệm vụ',
    en: 'progress cannot be reported for a month before the item existed',
  },
  roadmap_status_unchanged: {
    vi: 'nhiệm vụ đã ở trạng thái này; chỉ gửi trạng thái khi chuyển bước',
    en: 'the item already has this status; send a status only to take a step',
  },
  petition_deadline_before_received: {
    vi: 'hạn trả lời không được trước ngày tiếp nhận kiến nghị',
    en: 'the answer deadline cannot be before the petition was received',
  },
  recommendation_deadline_too_early: {
    vi: 'hạn thực hiện không được trước ngày kết luận giám sát (hoặc ngày ghi nhận kiến nghị)',
    en: 'the deadline cannot be before the supervision’s conclusion (or the day the recommendation is recorded)',
  },
  oversight_held_in_future: {
    vi: 'ngày tổ chức không được sau ngày hôm nay',
    en: 'the day it was held cannot be after today',
  },
  extension_decision_date_invalid: {
    vi: 'quyết định gia hạn không được đề ngày sau hôm nay, và hạn mới không được trước ngày quyết định',
    en: 'an extension decision cannot be dated after today, and the new deadline cannot be before the decision',
  },
  contribution_in_future: {
    vi: 'chỉ ghi nhận đóng góp đã có, không ghi trước cho ngày chưa đến',
    en: 'a contribution is recorded once made, never for a day still to come',
  },
  oversight_conclusion_date_invalid: {
    vi: 'ngày kết luận không được sau ngày hôm nay, cũng không trước ngày tổ chức',
    en: 'the conclusion cannot be dated after today, nor before the day it was held',
  },
} satisfies Record<string, { vi: string; en: string }>;

/** Every business rule a refusal can name: a closed set, each with its words in both languages. */
export type RuleCode = keyof typeof RULE_TEXT;
