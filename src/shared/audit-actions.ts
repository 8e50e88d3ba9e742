/**
 * Every kind of event the audit trail records, named `<object>.<verb>` (both snake_case), with the
 * words a person reads in Vietnamese and English. The trail can never be rewritten, so names used by
 * earlier releases stay readable through `LEGACY_AUDIT_ACTIONS`.
 */
type Label = { vi: string; en: string };
const L = (vi: string, en: string): Label => ({ vi, en });

export const AUDIT_ACTIONS = {
  'auth.login': L('Đăng nhập', 'Signed in'),
  'auth.login_failed': L('Đăng nhập thất bại', 'Failed sign-in'),
  'auth.login_locked': L('Tạm khóa tài khoản do đăng nhập sai', 'Account locked after failed sign-ins'),
  'auth.logout': L('Đăng xuất', 'Signed out'),
  'auth.change_password_failed': L('Đổi mật khẩu: sai mật khẩu hiện tại', 'Wrong current password when changing it'),

  'user.create': L('Tạo tài khoản', 'Created an account'),
  'user.update': L('Sửa thông tin tài khoản', 'Edited an account'),
  'user.grant_role': L('Giao vai trò', 'Granted a role'),
  'user.revoke_role': L('Thu hồi vai trò', 'Revoked a role'),
  'user.unlock': L('Mở khóa đăng nhập', 'Lifted a sign-in lock'),
  'user.reset_password': L('Đặt lại mật khẩu', 'Reset a password'),
  'user.change_password': L('Đổi mật khẩu của mình', 'Changed own password'),

  'unit.create': L('Tạo đơn vị hành chính', 'Created a unit'),
  'unit.update': L('Sửa đơn vị hành chính', 'Edited a unit'),
  'unit.import': L('Nhập danh mục đơn vị', 'Imported units'),
  'unit.classify': L('Xếp vùng / nhóm xã', 'Classified a unit'),
  'unit.merge': L('Sáp nhập đơn vị', 'Merged units'),
  'unit.split': L('Chia tách đơn vị', 'Split a unit'),
  'unit.rename': L('Đổi tên đơn vị', 'Renamed a unit'),
  'unit.reclassify': L('Chuyển loại đơn vị', 'Reclassified a unit'),
  'unit.reassign': L('Điều chỉnh cấp trên của đơn vị', 'Gave a unit a new parent'),
  'unit.dissolve': L('Giải thể đơn vị', 'Dissolved a unit'),

  'criteria_set.import': L('Nhập bộ tiêu chí', 'Imported a criteria set'),
  'criteria_set.create_draft': L('Tạo bản nháp bộ tiêu chí', 'Started a criteria set draft'),
  'criteria_set.update': L('Sửa bản nháp bộ tiêu chí', 'Edited a criteria set draft'),
  'criteria_set.publish': L('Công bố bộ tiêu chí', 'Published a criteria set'),

  'assessment.open': L('Mở kỳ đánh giá', 'Opened a month'),
  'assessment.save_values': L('Nhập số liệu chỉ tiêu', 'Saved indicator values'),
  'assessment.add_evidence': L('Thêm minh chứng', 'Added evidence'),
  'assessment.remove_evidence': L('Gỡ minh chứng', 'Removed evidence'),
  'assessment.submit': L('Gửi xác minh', 'Submitted for verification'),
  'assessment.verify': L('Xác minh và khóa kỳ', 'Verified and locked'),
  'assessment.return': L('Trả lại để bổ sung', 'Returned for correction'),
  'assessment.reopen': L('Mở lại kỳ đã khóa', 'Reopened a locked month'),

  'roadmap_item.suggest': L('Đề xuất việc cần làm từ chỉ tiêu chưa đạt', 'Suggested tasks from gaps'),
  'roadmap_item.update': L('Sửa việc cần làm', 'Edited a task'),
  'roadmap_item.confirm': L('Xác nhận việc cần làm', 'Confirmed a task'),
  'roadmap_item.check_in': L('Báo cáo tiến độ việc', 'Reported task progress'),

  'notification.read': L('Đánh dấu đã đọc thông báo', 'Read a notification'),
  'notification.read_all': L('Đánh dấu đã đọc tất cả', 'Read all notifications'),
  'notification.set_preferences': L('Đổi cách nhận thông báo', 'Changed notification preferences'),

  'project.create': L('Tạo dự án', 'Created a project'),
  'project.update': L('Sửa dự án', 'Edited a project'),
  'project.add_photo': L('Thêm ảnh công trình', 'Added a site photo'),
  'project.set_readiness': L('Cập nhật hồ sơ chuẩn bị đầu tư', 'Updated the readiness checklist'),
  'project.extend_deadline': L('Ghi quyết định kéo dài thời hạn giải ngân', 'Recorded a deadline extension'),
  'capital_plan.create': L('Lập kế hoạch vốn', 'Created a capital plan'),
  'capital_plan.set_lines': L('Sửa số vốn kế hoạch theo nguồn', 'Changed the plan amounts'),
  'capital_plan.allocate': L('Phân bổ vốn cho dự án', 'Allocated capital to projects'),
  'capital_plan.approve': L('Phê duyệt kế hoạch vốn (nghị quyết HĐND)', 'Approved a capital plan'),
  'capital_plan.adjust': L('Điều chỉnh kế hoạch vốn', 'Started a plan adjustment'),
  'disbursement.record': L('Ghi giải ngân', 'Recorded a payment'),
  'disbursement.reverse': L('Ghi giảm (hoàn trả) một khoản giải ngân', 'Reversed a payment'),
  'disbursement.import': L('Nhập số liệu giải ngân Kho bạc', 'Imported Treasury payments'),
  'contribution.record': L('Ghi đóng góp của nhân dân', 'Recorded a community contribution'),
  'capital_settings.update': L('Đổi ngưỡng cảnh báo vốn', 'Changed capital red-flag thresholds'),

  'ocop_producer.create': L('Đăng ký chủ thể OCOP', 'Registered an OCOP producer'),
  'ocop_producer.update': L('Sửa thông tin chủ thể OCOP', 'Edited an OCOP producer'),
  'ocop_product.create': L('Đăng ký sản phẩm OCOP', 'Registered an OCOP product'),
  'ocop_product.update': L('Sửa sản phẩm OCOP', 'Edited an OCOP product'),
  'ocop_product.add_photo': L('Thêm ảnh sản phẩm OCOP', 'Added a product photo'),
  'ocop_product.move': L('Chuyển bước chu trình OCOP', 'Moved a product in the OCOP cycle'),
  'ocop_round.create': L('Thành lập hội đồng đánh giá OCOP', 'Set up an OCOP council round'),
  'ocop_round.add_products': L('Đưa sản phẩm vào hội đồng', 'Added products to a round'),
  'ocop_round.score': L('Chấm điểm sản phẩm', 'Scored a product'),
  'ocop_round.ask_rescore': L('Yêu cầu chấm lại (điểm chênh lệch lớn)', 'Asked members to rescore'),
  'ocop_round.decide': L('Chốt kết quả đánh giá', 'Decided a result'),
  'ocop_round.close': L('Kết thúc phiên đánh giá', 'Closed a round'),
  'ocop_certificate.issue': L('Cấp giấy chứng nhận OCOP', 'Issued an OCOP certificate'),
  'ocop_sheet.import': L('Nhập phiếu chấm điểm OCOP', 'Imported an OCOP scoring sheet'),
  'ocop_sheet.draft': L('Tạo bản nháp phiếu chấm điểm OCOP', 'Started a draft OCOP scoring sheet'),
  'ocop_sheet.update': L('Sửa bản nháp phiếu chấm điểm OCOP', 'Edited a draft OCOP scoring sheet'),
  'ocop_sheet.publish': L('Ban hành phiếu chấm điểm OCOP', 'Published an OCOP scoring sheet'),
  'ocop_target.set': L('Đặt chỉ tiêu OCOP', 'Set OCOP targets'),

  'council.create': L('Tạo Hội đồng nhân dân', 'Created a council'),
  'council.handover': L('Bàn giao việc còn mở của HĐND đã kết thúc', 'Handed over an ended council’s open items'),
  'council_body.create': L('Tạo cơ quan của HĐND', 'Created a council body'),
  'council_delegate.create': L('Thêm đại biểu HĐND', 'Added a delegate'),
  'oversight_activity.create': L('Tạo hoạt động giám sát', 'Created a supervision activity'),
  'oversight_activity.update': L('Cập nhật hoạt động giám sát', 'Updated a supervision activity'),
  'oversight_activity.add_document': L('Thêm văn bản của hoạt động giám sát', 'Added a document'),
  'oversight_activity.freeze_snapshot': L('Chốt số liệu cho phiên giám sát', 'Froze the figures'),
  'recommendation.create': L('Ghi kiến nghị sau giám sát', 'Recorded a recommendation'),
  'recommendation.update': L('Sửa kiến nghị sau giám sát', 'Edited a recommendation'),
  'recommendation.report': L('Báo cáo kết quả thực hiện kiến nghị', 'Reported on a recommendation'),
  'recommendation.accept': L('Ghi nhận kiến nghị đã hoàn thành', 'Accepted a recommendation as met'),
  'recommendation.reject': L('Không chấp nhận báo cáo thực hiện kiến nghị', 'Did not accept a report'),
  'petition.create': L('Ghi kiến nghị cử tri', 'Recorded a voters’ petition'),
  'petition.update': L('Cập nhật kiến nghị cử tri', 'Updated a voters’ petition'),
  'petition.answer': L('Trả lời kiến nghị cử tri', 'Answered a voters’ petition'),

  'publication.publish': L('Công khai trên cổng thông tin', 'Published on the portal'),
  'publication.unpublish': L('Thôi công khai', 'Unpublished from the portal'),
  'feedback.receive': L('Nhận ý kiến người dân', 'Received citizen feedback'),
  'feedback.publish': L('Công khai ý kiến và trả lời', 'Published feedback with an answer'),
  'feedback.reject': L('Không công khai ý kiến', 'Rejected feedback'),
  'feedback.make_petition': L('Chuyển ý kiến thành kiến nghị cử tri', 'Recorded feedback as a petition'),

  'system.load_demo': L('Nạp dữ liệu minh họa', 'Loaded the demo data'),
  'system.purge_sessions': L('Dọn phiên đăng nhập hết hạn', 'Purged expired sessions'),
  'system.run_roadmap_daily': L('Kiểm tra lộ trình hằng ngày', 'Daily roadmap check'),
  'system.run_ocop_daily': L('Kiểm tra giấy chứng nhận OCOP hằng ngày', 'Daily OCOP certificate check'),
  'system.run_oversight_daily': L('Kiểm tra kiến nghị quá hạn hằng ngày', 'Daily overdue recommendation check'),
  'system.checkpoint_audit': L('Neo nhật ký kiểm toán ra ngoài cơ sở dữ liệu', 'Anchored the audit trail outside the database'),
} as const satisfies Record<string, Label>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

/** Names written by earlier releases → the name they have now. */
export const LEGACY_AUDIT_ACTIONS: Record<string, AuditAction> = {
  'user.password_changed': 'user.change_password',
  'criteria_set.draft': 'criteria_set.create_draft',
  'assessment.values_saved': 'assessment.save_values',
  'assessment.evidence_added': 'assessment.add_evidence',
  'assessment.evidence_removed': 'assessment.remove_evidence',
  'roadmap.suggest': 'roadmap_item.suggest',
  'roadmap.update': 'roadmap_item.update',
  'roadmap.confirm': 'roadmap_item.confirm',
  'roadmap.checkin': 'roadmap_item.check_in',
  'notification.preferences': 'notification.set_preferences',
  'project.photo': 'project.add_photo',
  'project.readiness': 'project.set_readiness',
  'capital.extension': 'project.extend_deadline',
  'plan.create': 'capital_plan.create',
  'plan.lines': 'capital_plan.set_lines',
  'plan.allocate': 'capital_plan.allocate',
  'plan.approve': 'capital_plan.approve',
  'plan.adjust': 'capital_plan.adjust',
  'capital.disbursement': 'disbursement.record',
  'capital.disbursement_import': 'disbursement.import',
  'capital.contribution': 'contribution.record',
  'capital.settings': 'capital_settings.update',
  'ocop.producer_create': 'ocop_producer.create',
  'ocop.producer_update': 'ocop_producer.update',
  'ocop.product_create': 'ocop_product.create',
  'ocop.product_update': 'ocop_product.update',
  'ocop.product_photo': 'ocop_product.add_photo',
  'ocop.round_create': 'ocop_round.create',
  'ocop.round_products': 'ocop_round.add_products',
  'ocop.score': 'ocop_round.score',
  'ocop.rescore': 'ocop_round.ask_rescore',
  'ocop.decide': 'ocop_round.decide',
  'ocop.round_close': 'ocop_round.close',
  'ocop.certificate': 'ocop_certificate.issue',
  'ocop.sheet_import': 'ocop_sheet.import',
  'ocop.target': 'ocop_target.set',
  'oversight.council_create': 'council.create',
  'oversight.body_create': 'council_body.create',
  'oversight.delegate_create': 'council_delegate.create',
  'oversight.activity_create': 'oversight_activity.create',
  'oversight.document_add': 'oversight_activity.add_document',
  'oversight.snapshot_freeze': 'oversight_activity.freeze_snapshot',
  'oversight.recommendation_create': 'recommendation.create',
  'oversight.recommendation_report': 'recommendation.report',
  'oversight.recommendation_accepted': 'recommendation.accept',
  'oversight.recommendation_not_accepted': 'recommendation.reject',
  'oversight.recommendation_update': 'recommendation.update',
  'oversight.petition_create': 'petition.create',
  'oversight.petition_update': 'petition.update',
  'oversight.petition_answer': 'petition.answer',
  'portal.publish': 'publication.publish',
  'portal.unpublish': 'publication.unpublish',
  'portal.feedback_received': 'feedback.receive',
  'portal.feedback_published': 'feedback.publish',
  'portal.feedback_rejected': 'feedback.reject',
  'system.demo_loaded': 'system.load_demo',
  'system.sessions_purged': 'system.purge_sessions',
  'system.roadmap_daily': 'system.run_roadmap_daily',
  'system.ocop_daily': 'system.run_ocop_daily',
  'system.oversight_overdue': 'system.run_oversight_daily',
};

/** The label of a stored action name, old or new; `null` for a name nobody knows (never shown raw). */
export function auditActionLabel(action: string, lang: 'vi' | 'en'): string | null {
  const name = (action in AUDIT_ACTIONS ? action : LEGACY_AUDIT_ACTIONS[action]) as AuditAction | undefined;
  if (name) return AUDIT_ACTIONS[name][lang];
  if (action.startsWith('unit.succession.')) {
    const kind = `unit.${action.slice('unit.succession.'.length)}`;
    if (kind in AUDIT_ACTIONS) return AUDIT_ACTIONS[kind as AuditAction][lang];
  }
  if (action.startsWith('ocop.') || action.startsWith('oversight.activity_')) {
    return AUDIT_ACTIONS[action.startsWith('ocop.') ? 'ocop_product.move' : 'oversight_activity.update'][lang];
  }
  return null;
}

/** Every kind of object the trail records events about, with its name in both languages. */
export const AUDIT_OBJECTS = {
  user: L('Tài khoản', 'Account'),
  role_grant: L('Vai trò', 'Role'),
  unit: L('Đơn vị hành chính', 'Unit'),
  unit_classification: L('Xếp vùng / nhóm xã', 'Unit classification'),
  unit_event: L('Sáp nhập, chia tách, đổi tên', 'Merger, split or renaming'),
  criteria_set: L('Bộ tiêu chí', 'Criteria set'),
  assessment: L('Kỳ đánh giá', 'Month'),
  evidence: L('Minh chứng', 'Evidence'),
  roadmap_item: L('Việc cần làm', 'Task'),
  notification: L('Thông báo', 'Notification'),
  project: L('Dự án', 'Project'),
  capital_plan: L('Kế hoạch vốn', 'Capital plan'),
  disbursement: L('Khoản giải ngân', 'Payment'),
  settings: L('Cài đặt', 'Settings'),
  ocop_producer: L('Chủ thể OCOP', 'OCOP producer'),
  ocop_product: L('Sản phẩm OCOP', 'OCOP product'),
  ocop_round: L('Hội đồng đánh giá OCOP', 'OCOP council round'),
  ocop_sheet: L('Phiếu chấm điểm OCOP', 'OCOP scoring sheet'),
  ocop_target: L('Chỉ tiêu OCOP', 'OCOP targets'),
  council: L('Hội đồng nhân dân', 'People’s Council'),
  council_body: L('Cơ quan của HĐND', 'Council body'),
  council_delegate: L('Đại biểu HĐND', 'Delegate'),
  oversight_activity: L('Hoạt động giám sát', 'Supervision activity'),
  recommendation: L('Kiến nghị sau giám sát', 'Recommendation'),
  petition: L('Kiến nghị cử tri', 'Voters’ petition'),
  publication: L('Công khai', 'Publication'),
  feedback: L('Ý kiến người dân', 'Citizen feedback'),
  system: L('Hệ thống', 'System'),
  auth: L('Đăng nhập', 'Sign-in'),
  contribution: L('Đóng góp của nhân dân', 'Community contribution'),
  capital_settings: L('Ngưỡng cảnh báo vốn', 'Capital thresholds'),
  ocop_certificate: L('Giấy chứng nhận OCOP', 'OCOP certificate'),
} as const satisfies Record<string, Label>;

export type AuditObject = keyof typeof AUDIT_OBJECTS;

/** The kind of object an action is about, read from its name (`<object>.<verb>`), for filtering by kind. */
export function auditObjectOfAction(action: AuditAction): string {
  return action.slice(0, action.indexOf('.'));
}

/** The kinds a person can filter the trail by: the objects, then the actions of each, in the catalogue's order. */
export const AUDIT_ACTION_GROUPS: { object: string; actions: AuditAction[] }[] = (() => {
  const groups = new Map<string, AuditAction[]>();
  for (const a of Object.keys(AUDIT_ACTIONS) as AuditAction[]) {
    const o = auditObjectOfAction(a);
    if (!groups.has(o)) groups.set(o, []);
    groups.get(o)!.push(a);
  }
  return [...groups].map(([object, actions]) => ({ object, actions }));
})();

/** The label of a stored object kind; `null` for one nobody knows (never shown raw). */
export function auditObjectLabel(kind: string, lang: 'vi' | 'en'): string | null {
  return kind in AUDIT_OBJECTS ? AUDIT_OBJECTS[kind as AuditObject][lang] : null;
}
