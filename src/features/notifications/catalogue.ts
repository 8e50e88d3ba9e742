/**
 * Every notice the system sends, by kind: a title and a body in Vietnamese and English with named
 * `{params}`. Call sites pass the kind and its params (typed from the templates themselves, so a
 * missing or misspelt param does not compile); the text is rendered in the reader's language when
 * the inbox answers and when the e-mail is composed. Dates read dd/mm/yyyy and decimals take a
 * comma in both languages: the figures are the ones on Vietnamese documents.
 */
import type { Lang } from '../../lib/messages';
import { formatAmountVi, formatDateVi, formatNumberVi } from '../../shared/vi';

type Text = { readonly vi: string; readonly en: string };
type Template = { readonly title: Text; readonly body: Text };

/** A value for a `{param}`: plain text, or a value formatted for the reader. */
export type NoticeValue =
  | string
  | number
  | { readonly date: string }
  | { readonly month: string }
  | { readonly decimal: number; readonly digits: number }
  | { readonly amount: number }
  | { readonly phrase: PhraseKey; readonly params?: Readonly<Record<string, NoticeValue>> }
  | { readonly lines: readonly NoticeValue[] };

/** Pieces that differ by case inside one notice (an outcome, an optional note), in both languages. */
export const PHRASES = {
  month: { vi: 'tháng {month}', en: '{month}' },
  notSet: { vi: 'chưa xác định', en: 'not set' },
  generalComment: { vi: '\nÝ kiến chung: {comment}', en: '\nGeneral comment: {comment}' },
  returnedIndicators: {
    vi: '\nCác chỉ tiêu cần bổ sung ({count}):\n{lines}',
    en: '\nIndicators to correct ({count}):\n{lines}',
  },
  indicatorComment: { vi: '• Chỉ tiêu {code}: {comment}', en: '• Indicator {code}: {comment}' },
  indicatorOnly: { vi: '• Chỉ tiêu {code}', en: '• Indicator {code}' },
  recommendationAccepted: { vi: 'được ghi nhận hoàn thành', en: 'accepted as done' },
  recommendationNotAccepted: { vi: 'chưa được ghi nhận hoàn thành', en: 'not accepted as done' },
  dashNote: { vi: ' — {note}', en: ' — {note}' },
  answerBy: { vi: ' — hạn trả lời {date}', en: ' — answer by {date}' },
  resultRecognised: { vi: 'Sản phẩm được đề nghị công nhận.', en: 'The product is proposed for recognition.' },
  resultForwarded: {
    vi: 'Sản phẩm được đề nghị cấp trên đánh giá.',
    en: 'The product is forwarded to the next level for evaluation.',
  },
  resultNotRecognised: {
    vi: 'Sản phẩm chưa đủ điều kiện công nhận, tiếp tục hoàn thiện.',
    en: 'The product does not qualify for recognition yet; it goes back to be improved.',
  },
} as const satisfies Record<string, Text>;
export type PhraseKey = keyof typeof PHRASES;

export const NOTICES = {
  // ─── NTM roadmap ───
  'roadmap.assigned': {
    title: { vi: 'Được giao chủ trì chỉ tiêu {code}', en: 'You are to lead indicator {code}' },
    body: { vi: 'Nội dung: {task}. Thời hạn: {deadline}.', en: 'Task: {task}. Deadline: {deadline}.' },
  },
  'roadmap.closed': {
    title: { vi: 'Chỉ tiêu {code} đã đạt', en: 'Indicator {code} is met' },
    body: {
      vi: 'Kết quả kiểm đếm tháng {month} đã xác minh chỉ tiêu đạt. Việc “{title}” tự đóng.',
      en: 'The verified results for {month} show the indicator met. The item “{title}” has closed itself.',
    },
  },
  'roadmap.reopened': {
    title: { vi: 'Chỉ tiêu {code} không còn đạt', en: 'Indicator {code} is no longer met' },
    body: {
      vi: 'Kết quả kiểm đếm tháng {month}: chỉ tiêu chưa đạt trở lại. Việc “{title}” được mở lại.',
      en: 'Verified results for {month}: the indicator is not met again. The item “{title}” has been reopened.',
    },
  },
  'roadmap.due': {
    title: { vi: 'Sắp đến hạn: chỉ tiêu {code}', en: 'Due soon: indicator {code}' },
    body: {
      vi: 'Việc “{title}” đến hạn cuối tháng {month} (còn {days} ngày). Tiến độ hiện tại: {progress}%.',
      en: 'The item “{title}” is due at the end of {month} ({days} days left). Progress so far: {progress}%.',
    },
  },
  'roadmap.overdue': {
    title: { vi: 'Quá hạn: chỉ tiêu {code}', en: 'Overdue: indicator {code}' },
    body: {
      vi: 'Việc “{title}” đã quá hạn tháng {month}. Đề nghị cập nhật tiến độ hoặc đề xuất gia hạn.',
      en: 'The item “{title}” is past its deadline ({month}). Please update its progress or ask for more time.',
    },
  },
  'roadmap.escalated': {
    title: {
      vi: 'Chuyển cấp trên: chỉ tiêu {code} quá hạn {days} ngày',
      en: 'Escalated: indicator {code} is {days} days overdue',
    },
    body: {
      vi: 'Việc “{title}” quá hạn tháng {month} đã {days} ngày, chưa hoàn thành ({progress}%).',
      en: 'The item “{title}”, due {month}, is {days} days overdue and not done ({progress}%).',
    },
  },
  'roadmap.digest': {
    title: { vi: 'Tổng hợp ngày {date}: {open} việc đang mở', en: 'Summary for {date}: {open} open {open:item|items}' },
    body: {
      vi: 'Bạn có {open} việc đang mở, trong đó {late} việc quá hạn.',
      en: 'You have {open} open {open:item|items}; {late} overdue.',
    },
  },

  // ─── NTM monthly results ───
  'assessment.submitted': {
    title: {
      vi: '{unit} gửi kết quả kiểm đếm tháng {month}, chờ xác minh',
      en: '{unit} sent its results for {month} for verification',
    },
    body: {
      vi: '{unit} đã gửi kết quả kiểm đếm tiêu chí tháng {month} ngày {date}. Văn phòng điều phối xem và xác minh hoặc trả lại kèm ý kiến.',
      en: '{unit} sent its criteria results for {month} on {date}. The coordination office verifies them or returns them with comments.',
    },
  },
  'assessment.returned': {
    title: {
      vi: 'Kết quả kiểm đếm tháng {month} của {unit} được trả lại để bổ sung',
      en: 'The results of {unit} for {month} were returned for correction',
    },
    body: {
      vi: 'Văn phòng điều phối trả lại kết quả kiểm đếm tháng {month}.{comment}{indicators}',
      en: 'The coordination office returned the results for {month}.{comment}{indicators}',
    },
  },
  'assessment.verified': {
    title: {
      vi: 'Kết quả kiểm đếm tháng {month} của {unit} đã được xác minh',
      en: 'The results of {unit} for {month} are verified',
    },
    body: {
      vi: 'Văn phòng điều phối đã xác minh và khóa kết quả kiểm đếm tháng {month} ngày {date}.',
      en: 'The coordination office verified and locked the results for {month} on {date}.',
    },
  },
  'assessment.reopened': {
    title: {
      vi: 'Kết quả kiểm đếm tháng {month} của {unit} được mở lại để sửa',
      en: 'The verified results of {unit} for {month} were reopened for correction',
    },
    body: {
      vi: 'Ngày {date}, văn phòng điều phối đã mở lại kết quả kiểm đếm tháng {month} (đã khóa) để sửa.\nLý do: {reason}',
      en: 'The coordination office reopened the locked results for {month} on {date}.\nReason: {reason}',
    },
  },

  // ─── Oversight ───
  'oversight.recommendation': {
    title: { vi: 'Kiến nghị giám sát mới: {council}', en: 'New oversight recommendation: {council}' },
    body: { vi: '{activity}: “{text}” — hạn báo cáo {deadline}.', en: '{activity}: “{text}” — report due {deadline}.' },
  },
  'oversight.reported': {
    title: { vi: 'Báo cáo thực hiện kiến nghị: {addressee}', en: 'Report on a recommendation: {addressee}' },
    body: { vi: '{activity}, kiến nghị số {seq}: {text}', en: '{activity}, recommendation no. {seq}: {text}' },
  },
  'oversight.decided': {
    title: { vi: 'Kiến nghị {verdict}', en: 'Recommendation {verdict}' },
    body: { vi: '{council}, kiến nghị số {seq}: {text}{note}', en: '{council}, recommendation no. {seq}: {text}{note}' },
  },
  'oversight.due': {
    title: {
      vi: 'Sắp đến hạn báo cáo kiến nghị giám sát: {council}',
      en: 'Report on an oversight recommendation due soon: {council}',
    },
    body: {
      vi: '{activity}, kiến nghị số {seq} gửi {addressee}: “{text}”. Hạn báo cáo {deadline} (còn {days} ngày).',
      en: '{activity}, recommendation no. {seq} to {addressee}: “{text}”. Report due {deadline} ({days} days left).',
    },
  },
  'oversight.overdue': {
    title: { vi: 'Kiến nghị giám sát quá hạn: {addressee}', en: 'Oversight recommendation overdue: {addressee}' },
    body: {
      vi: '{council} — {activity}, kiến nghị số {seq} gửi {addressee}: “{text}”. Hạn báo cáo {deadline}, đã quá {days} ngày.',
      en: '{council} — {activity}, recommendation no. {seq} to {addressee}: “{text}”. The report was due {deadline}, {days} days ago.',
    },
  },
  'oversight.escalated': {
    title: {
      vi: 'Kiến nghị giám sát quá hạn trên {limit} ngày: {addressee}',
      en: 'Oversight recommendation more than {limit} days overdue: {addressee}',
    },
    body: {
      vi: '{council} — {activity}, kiến nghị số {seq} gửi {addressee}: “{text}”. Hạn báo cáo {deadline}, đã quá {days} ngày.',
      en: '{council} — {activity}, recommendation no. {seq} to {addressee}: “{text}”. The report was due {deadline}, {days} days ago.',
    },
  },
  'oversight.petition': {
    title: { vi: 'Kiến nghị cử tri cần trả lời: {council}', en: 'Voters’ petition to answer: {council}' },
    body: { vi: '“{text}”{deadline}.', en: '“{text}”{deadline}.' },
  },

  // ─── OCOP cycle ───
  'ocop.idea_registered': {
    title: { vi: 'Ý tưởng sản phẩm OCOP chờ xem xét: {product}', en: 'OCOP product idea to review: {product}' },
    body: {
      vi: '{producer} ({unit}) đăng ký ý tưởng sản phẩm “{product}” ngày {date}. Văn phòng điều phối xem xét phiếu đăng ký; trả lại kèm lý do nếu cần bổ sung.',
      en: '{producer} ({unit}) registered the product idea “{product}” on {date}. The coordination office reviews the form and returns it with a reason if anything is missing.',
    },
  },
  'ocop.idea_resubmitted': {
    title: { vi: 'Ý tưởng sản phẩm OCOP gửi lại: {product}', en: 'OCOP product idea sent again: {product}' },
    body: {
      vi: '{producer} ({unit}) đã bổ sung và gửi lại phiếu đăng ký ý tưởng sản phẩm “{product}” ngày {date}. Đề nghị văn phòng điều phối xem xét lại.',
      en: '{producer} ({unit}) completed and sent again the idea registration for “{product}” on {date}. Please review it again.',
    },
  },
  'ocop.idea_returned': {
    title: { vi: 'Ý tưởng sản phẩm được trả lại: {product}', en: 'Product idea returned: {product}' },
    body: {
      vi: 'Văn phòng điều phối trả lại phiếu đăng ký ý tưởng sản phẩm “{product}”. Lý do: {reason}. Đề nghị bổ sung và gửi lại.',
      en: 'The coordination office returned the idea registration for “{product}”. Reason: {reason}. Please complete it and send it again.',
    },
  },
  'ocop.plan_submitted': {
    title: { vi: 'Phương án sản xuất kinh doanh chờ duyệt: {product}', en: 'Business plan to approve: {product}' },
    body: {
      vi: '{producer} ({unit}) nộp phương án sản xuất kinh doanh cho sản phẩm “{product}” ngày {date}. Đề nghị văn phòng điều phối duyệt hoặc trả lại kèm lý do.',
      en: '{producer} ({unit}) submitted the business plan for “{product}” on {date}. Please approve it or return it with a reason.',
    },
  },
  'ocop.plan_resubmitted': {
    title: { vi: 'Phương án sản xuất kinh doanh gửi lại: {product}', en: 'Business plan sent again: {product}' },
    body: {
      vi: '{producer} ({unit}) đã bổ sung và gửi lại phương án sản xuất kinh doanh cho sản phẩm “{product}” ngày {date}. Đề nghị văn phòng điều phối xem xét lại.',
      en: '{producer} ({unit}) completed and sent again the business plan for “{product}” on {date}. Please review it again.',
    },
  },
  'ocop.plan_returned': {
    title: { vi: 'Phương án sản xuất kinh doanh được trả lại: {product}', en: 'Business plan returned: {product}' },
    body: {
      vi: 'Văn phòng điều phối trả lại phương án sản xuất kinh doanh của sản phẩm “{product}”. Lý do: {reason}. Đề nghị bổ sung và gửi lại.',
      en: 'The coordination office returned the business plan for “{product}”. Reason: {reason}. Please complete it and send it again.',
    },
  },
  'ocop.plan_approved': {
    title: { vi: 'Phương án được duyệt: {product}', en: 'Business plan approved: {product}' },
    body: {
      vi: 'Văn phòng điều phối đã duyệt phương án sản xuất kinh doanh của sản phẩm “{product}” ngày {date}. Chủ thể triển khai phương án, hoàn thiện sản phẩm và nộp hồ sơ đánh giá, phân hạng khi sẵn sàng.',
      en: 'The coordination office approved the business plan for “{product}” on {date}. Carry it out, finish the product and submit it for evaluation when it is ready.',
    },
  },
  'ocop.submitted': {
    title: { vi: 'Sản phẩm nộp hồ sơ đánh giá, phân hạng: {product}', en: 'Product submitted for evaluation: {product}' },
    body: {
      vi: '{producer} ({unit}) nộp hồ sơ đánh giá, phân hạng sản phẩm “{product}” ngày {date}. Đề nghị đưa sản phẩm vào một đợt hội đồng đánh giá.',
      en: '{producer} ({unit}) submitted “{product}” for evaluation on {date}. Please add it to an evaluation round.',
    },
  },
  'ocop.re_evaluation': {
    title: { vi: 'Sản phẩm đề nghị đánh giá lại: {product}', en: 'Product asks to be evaluated again: {product}' },
    body: {
      vi: '{producer} ({unit}) đề nghị đánh giá lại sản phẩm “{product}” ngày {date}. Đề nghị đưa sản phẩm vào một đợt hội đồng đánh giá.',
      en: '{producer} ({unit}) asked on {date} for “{product}” to be evaluated again. Please add it to an evaluation round.',
    },
  },
  'ocop.round_products': {
    title: { vi: 'Sản phẩm cần chấm điểm: {round}', en: 'Products to score: {round}' },
    body: {
      vi: 'Hội đồng “{round}” có thêm {count} sản phẩm cần chấm điểm: {products}. Đề nghị thành viên hội đồng chấm phiếu.',
      en: 'The council “{round}” has {count} more products to score: {products}. Please fill in your scoring sheets.',
    },
  },
  'ocop.ready_to_decide': {
    title: { vi: 'Đủ phiếu chấm, chờ chốt kết quả: {product}', en: 'Sheets in, result to decide: {product}' },
    body: {
      vi: 'Hội đồng “{round}” đã có {scored}/{members} phiếu chấm cho sản phẩm “{product}” (tối thiểu {quorum}). Đề nghị chủ tịch hội đồng chốt kết quả.',
      en: 'The council “{round}” has {scored} of {members} sheets for “{product}” (at least {quorum} needed). The chair may now decide the result.',
    },
  },
  'ocop.rescore': {
    title: { vi: 'Chấm lại điểm: {product}', en: 'Score again: {product}' },
    body: {
      vi: 'Điểm của các thành viên hội đồng “{round}” chênh nhau {spread} điểm (vượt {limit} điểm cho phép). Đề nghị các thành viên thảo luận và chấm lại.',
      en: 'The scores of the members of “{round}” differ by {spread} points (more than the {limit} allowed). Please discuss and score again.',
    },
  },
  'ocop.result': {
    title: { vi: 'Kết quả đánh giá OCOP: {product}', en: 'OCOP evaluation result: {product}' },
    body: {
      vi: 'Hội đồng “{round}” chấm {score} điểm, tương ứng {star} sao. {outcome}',
      en: 'The council “{round}” scored {score} points, {star} stars. {outcome}',
    },
  },
  'ocop.to_certify': {
    title: { vi: 'Chờ ghi giấy chứng nhận OCOP: {product}', en: 'OCOP certificate to record: {product}' },
    body: {
      vi: 'Hội đồng “{round}” công nhận sản phẩm “{product}” đạt {star} sao ({score} điểm). Đề nghị ghi quyết định công nhận và giấy chứng nhận.',
      en: 'The council “{round}” recognised “{product}” with {star} stars ({score} points). Please record the decision and the certificate.',
    },
  },
  'ocop.forwarded': {
    title: { vi: 'Sản phẩm đề nghị cấp trên đánh giá: {product}', en: 'Product forwarded for evaluation: {product}' },
    body: {
      vi: 'Hội đồng “{round}” chấm sản phẩm “{product}” {score} điểm ({star} sao) và đề nghị cấp trên đánh giá, công nhận. Đề nghị đưa sản phẩm vào đợt hội đồng cấp trên.',
      en: 'The council “{round}” scored “{product}” {score} points ({star} stars) and forwards it for evaluation and recognition above. Please add it to a round at that level.',
    },
  },
  'ocop.certified': {
    title: { vi: 'Sản phẩm OCOP {star} sao: {product}', en: 'OCOP {star}-star product: {product}' },
    body: {
      vi: 'Sản phẩm “{product}” được công nhận {star} sao theo {decision}, giấy chứng nhận số {number}, có hiệu lực đến ngày {validTo}.',
      en: '“{product}” is recognised with {star} stars by {decision}, certificate no. {number}, valid until {validTo}.',
    },
  },
  'ocop.expiring': {
    title: { vi: 'Giấy chứng nhận OCOP sắp hết hạn: {product}', en: 'OCOP certificate about to expire: {product}' },
    body: {
      vi: 'Sản phẩm “{product}” ({producer}) đạt {star} sao theo giấy chứng nhận số {number}, hết hiệu lực ngày {validTo} (còn {days} ngày). Đề nghị chủ thể chuẩn bị hồ sơ đánh giá lại.',
      en: '“{product}” ({producer}) holds {star} stars under certificate no. {number}, valid until {validTo} ({days} days left). The producer should prepare for re-evaluation.',
    },
  },
  'ocop.expired': {
    title: { vi: 'Giấy chứng nhận OCOP đã hết hạn: {product}', en: 'OCOP certificate expired: {product}' },
    body: {
      vi: 'Giấy chứng nhận số {number} ({star} sao) của sản phẩm “{product}” hết hiệu lực từ {validTo}. Sản phẩm không còn được ghi sao OCOP cho đến khi được đánh giá lại.',
      en: 'Certificate no. {number} ({star} stars) of “{product}” expired on {validTo}. The product shows no OCOP star until it is evaluated again.',
    },
  },
} as const satisfies Record<string, Template>;

export type NoticeKind = keyof typeof NOTICES;

/** The `{name}`s of a template string, as a union of literal types (`{name:one|other}` names `name`). */
type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? NameOf<P> | Placeholders<Rest> : never;
type NameOf<P extends string> = P extends `${infer N}:${string}` ? N : P;
type TextsOf<T extends Template> = T['title']['vi'] | T['title']['en'] | T['body']['vi'] | T['body']['en'];

/** Exactly the params a kind's templates use, each required. */
export type NoticeParams<K extends NoticeKind> = { readonly [P in Placeholders<TextsOf<(typeof NOTICES)[K]>>]: NoticeValue };
export type PhraseParams<K extends PhraseKey> = {
  readonly [P in Placeholders<(typeof PHRASES)[K]['vi'] | (typeof PHRASES)[K]['en']>]: NoticeValue;
};

/** A phrase with its params, checked like a notice's. */
export function phrase<K extends PhraseKey>(
  key: K,
  ...params: [keyof PhraseParams<K>] extends [never] ? [] : [PhraseParams<K>]
): NoticeValue {
  return params[0] ? { phrase: key, params: params[0] } : { phrase: key };
}

function renderValue(v: NoticeValue, lang: Lang): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatNumberVi(v);
  if ('date' in v) return formatDateVi(v.date);
  if ('month' in v) return `${v.month.slice(5, 7)}/${v.month.slice(0, 4)}`;
  if ('decimal' in v) return v.decimal.toFixed(v.digits).replace('.', ',');
  if ('amount' in v) return lang === 'vi' ? formatAmountVi(v.amount) : `${formatNumberVi(v.amount, 0)} VND`;
  if ('lines' in v) return v.lines.map((l) => renderValue(l, lang)).join('\n');
  return fill(PHRASES[v.phrase][lang], v.params ?? {}, lang);
}

/**
 * `{name}` is the param's value; `{name:one|other}` is the word for it — `one` when the param is the
 * number 1, `other` for any other count (English plurals: "1 open item", "2 open items").
 */
function fill(template: string, params: Readonly<Record<string, NoticeValue>>, lang: Lang): string {
  return template.replace(/\{(\w+)(?::([^{}|]*)\|([^{}]*))?\}/g, (whole, key: string, one?: string, other?: string) => {
    const v = params[key];
    if (v === undefined) return whole;
    if (one !== undefined && other !== undefined) return v === 1 ? one : other;
    return renderValue(v, lang);
  });
}

/** True for a kind this release knows (older rows may carry kinds that are no longer sent). */
export function isNoticeKind(kind: string): kind is NoticeKind {
  return Object.hasOwn(NOTICES, kind);
}

/** Title and body of a notice in `lang`. */
export function renderNotice(
  kind: NoticeKind,
  params: Readonly<Record<string, NoticeValue>>,
  lang: Lang,
): { title: string; body: string } {
  const t: Template = NOTICES[kind];
  return { title: fill(t.title[lang], params, lang), body: fill(t.body[lang], params, lang) };
}

/**
 * What an inbox row says in `lang`: rendered from its kind and params, or — for rows written before
 * notices had params, or a kind this release no longer knows — the Vietnamese text stored with it.
 */
export function noticeText(
  row: { kind: string; params: Record<string, unknown> | null; title: string; body: string },
  lang: Lang,
): { title: string; body: string } {
  if (!row.params || !isNoticeKind(row.kind)) return { title: row.title, body: row.body };
  try {
    return renderNotice(row.kind, row.params as Record<string, NoticeValue>, lang);
  } catch {
    return { title: row.title, body: row.body };
  }
}

/** The words around a notice in an e-mail. */
export const MAIL_TEXT = {
  vi: { details: 'Xem chi tiết', footer: '— Đồng Lòng (thư tự động, vui lòng không trả lời)' },
  en: { details: 'Details', footer: '— Đồng Lòng (automatic message, please do not reply)' },
} as const satisfies Record<Lang, { details: string; footer: string }>;
