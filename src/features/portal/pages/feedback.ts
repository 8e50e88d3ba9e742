/**
 * Citizens' feedback: the plain form posted to /cong-khai/phan-hoi (no session, no CSRF token; a
 * refusal is a page in words, a success goes back to the page with a thank-you) and a feedback photo.
 */
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AppEnv, Deps } from '../../../context';
import { ocopProducts } from '../../../db/schema';
import { AppError } from '../../../lib/errors';
import { esc } from '../../../lib/html';
import { clientIp, issueMessage } from '../../../lib/http';
import { publicProduct } from '../../ocop/public';
import { publicProjects, publishedCommunes, unitById } from '../data';
import { FeedbackForm, feedbackPhoto, submitFeedback } from '../feedback';
import { layout } from '../layout';
import { html, unitPath } from './common';

export const feedbackPages = new Hono<AppEnv>();

feedbackPages.get('/cong-khai/anh/y-kien/:id', async (c) => {
  const deps = c.get('deps');
  const f = await feedbackPhoto(deps, Number(c.req.param('id')) || 0);
  if (!f) throw new AppError('NOT_FOUND');
  c.header('content-type', f.mime);
  return c.body(new Uint8Array(await deps.files.read(f.sha256)), 200);
});

// ----------------------------------------------------------------------------------------- feedback

/** What a citizen reads when the form comes back: one Vietnamese sentence per field, never a code. */
function formProblems(issues: { path: PropertyKey[]; code: string; message: string }[]): string {
  const sentences = issues.map((i) => {
    switch (i.path[0]) {
      case 'category':
        return 'Vui lòng chọn loại ý kiến trong danh sách.';
      case 'text':
        return i.code === 'too_small' || i.code === 'too_big' ? `${i.message}.` : 'Vui lòng viết nội dung ý kiến.';
      case 'contactName':
        return `Họ tên: ${issueMessage(i as never, 'vi').toLowerCase()}.`;
      case 'contact':
        return `Thông tin liên hệ: ${issueMessage(i as never, 'vi').toLowerCase()}.`;
      default:
        return 'Biểu mẫu không còn hợp lệ. Vui lòng tải lại trang rồi gửi lại.';
    }
  });
  return [...new Set(sentences)].join(' ');
}

feedbackPages.post('/cong-khai/phan-hoi', async (c) => {
  const deps = c.get('deps');
  const form = await c.req.parseBody();
  const str = (k: string) => (typeof form[k] === 'string' ? form[k] : undefined);
  const parsed = FeedbackForm.safeParse({
    target: str('target'),
    code: str('code'),
    category: str('category'),
    text: str('text'),
    contactName: str('contactName'),
    contact: str('contact'),
    token: str('token') ?? '',
    website: str('website'),
  });
  const page = (status: 400 | 404 | 429, message: string) =>
    html(
      c,
      layout(deps, {
        title: 'Chưa gửi được ý kiến',
        description: message,
        path: '/cong-khai/phan-hoi',
        body: `<div class="card"><h1>Chưa gửi được ý kiến</h1><p class="error" role="alert">${esc(message)}</p><p><a href="javascript:history.back()">Quay lại</a> · <a href="/cong-khai">Trang tổng quan</a></p></div>`,
      }),
      status,
    );
  if (!parsed.success) return page(400, formProblems(parsed.error.issues));
  const input = parsed.data;
  const resolved = await resolveTarget(deps, input.target, input.code);
  const photo =
    form.photo instanceof File && form.photo.size > 0
      ? { name: form.photo.name, bytes: new Uint8Array(await form.photo.arrayBuffer()) }
      : null;
  try {
    await submitFeedback(deps, { requestId: c.get('requestId'), ip: clientIp(c), now: deps.clock.now() }, input, resolved, photo);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    if (e.code === 'RATE_LIMITED') return page(429, 'Bạn đã gửi nhiều ý kiến trong một giờ. Vui lòng thử lại sau.');
    if (e.code === 'NOT_FOUND') return page(404, 'Trang bạn góp ý không tồn tại hoặc không còn được công khai.');
    if (e.code === 'RULE_VIOLATION')
      return page(400, 'Biểu mẫu đã hết hạn hoặc được gửi quá nhanh. Vui lòng tải lại trang, đọc và gửi lại.');
    if (e.code === 'UNSUPPORTED_MEDIA_TYPE' || e.code === 'PAYLOAD_TOO_LARGE')
      return page(400, 'Ảnh đính kèm phải là tệp ảnh (PNG, JPG, WebP) và không quá lớn.');
    throw e;
  }
  return c.redirect(`${resolved!.path}?da-gui=1#y-kien`, 303);
});

async function resolveTarget(deps: Deps, target: 'unit' | 'project' | 'product', code: string) {
  if (target === 'unit') {
    const unit = /^\d+$/.test(code) ? await unitById(deps, Number(code)) : null;
    if (!unit || !(await publishedCommunes(deps, unit.id)).some((r) => r.unitId === unit.id)) return null;
    return { unitId: unit.id, title: unit.name, path: unitPath(unit) };
  }
  if (target === 'project') {
    const [p] = await publicProjects(deps, { code });
    if (!p) return null;
    return { unitId: p.unitId, title: p.name, path: `/cong-khai/du-an/${encodeURIComponent(p.code)}` };
  }
  const p = await publicProduct(deps, code);
  if (!p) return null;
  const [row] = await deps.db.select({ unitId: ocopProducts.unitId }).from(ocopProducts).where(eq(ocopProducts.code, code));
  return { unitId: row!.unitId, title: p.name, path: `/cong-khai/san-pham/${encodeURIComponent(p.code)}` };
}
