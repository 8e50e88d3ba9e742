/** What the public pages share: addresses, the HTML answer (never cached), the not-found page, the feedback section. */
import type { Context } from 'hono';
import type { AppEnv, Deps } from '../../../context';
import { esc } from '../../../lib/html';
import { formatDateVi } from '../../../shared/vi';
import { publishedFeedback } from '../data';
import { formToken } from '../feedback';
import { layout } from '../layout';

export const monthVi = (m: string | null) => (m ? `${m.slice(5, 7)}/${m.slice(0, 4)}` : '—');
const slug = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
export const unitPath = (u: { unitId?: number; id?: number; name: string }) =>
  `/cong-khai/don-vi/${u.unitId ?? u.id}-${slug(u.name)}`;

export function html(c: Context<AppEnv>, body: string, status: 200 | 201 | 400 | 404 | 429 = 200) {
  c.header('cache-control', 'no-cache');
  return c.html(body, status);
}

export function notFound(c: Context<AppEnv>, what: string) {
  return html(
    c,
    layout(c.get('deps'), {
      title: 'Không tìm thấy',
      description: what,
      path: '/cong-khai',
      body: `<div class="card"><h1>Không tìm thấy</h1><p>${esc(what)}</p><p><a href="/cong-khai">Về trang tổng quan</a></p></div>`,
    }),
    404,
  );
}

export async function feedbackSection(
  deps: Deps,
  target: 'unit' | 'project' | 'product',
  code: string,
  title: string,
  sent: boolean,
) {
  const items = await publishedFeedback(deps, target, code);
  const token = await formToken(deps);
  const list = items.length
    ? `<ul>${items
        .map(
          (f) =>
            `<li><p>${esc(f.text)}</p>${f.answer ? `<p class="answer"><strong>Trả lời${f.answeredOn ? ` (${formatDateVi(f.answeredOn)})` : ''}:</strong> ${esc(f.answer)}</p>` : ''}</li>`,
        )
        .join('')}</ul>`
    : '<p class="muted">Chưa có ý kiến nào được trả lời công khai.</p>';
  return `<section class="card" aria-labelledby="y-kien"><h2 id="y-kien">Ý kiến của người dân</h2>${sent ? '<p class="notice" role="status">Cảm ơn bạn. Ý kiến đã được gửi và sẽ được trả lời sau khi cơ quan quản lý xem xét.</p>' : ''}${list}
<form class="feedback" method="post" action="/cong-khai/phan-hoi" enctype="multipart/form-data">
<input type="hidden" name="target" value="${target}"><input type="hidden" name="code" value="${esc(code)}"><input type="hidden" name="token" value="${esc(token)}">
<div class="hp" aria-hidden="true"><label for="website">Để trống ô này</label><input id="website" name="website" tabindex="-1" autocomplete="off"></div>
<label for="fb-category">Loại ý kiến</label><select id="fb-category" name="category"><option value="question">Hỏi</option><option value="suggestion">Góp ý, đề xuất</option><option value="complaint">Phản ánh</option><option value="praise">Ghi nhận</option><option value="other">Khác</option></select>
<label for="fb-text">Nội dung về “${esc(title)}” (bắt buộc)</label><textarea id="fb-text" name="text" rows="4" required minlength="10" maxlength="4000"></textarea>
<label for="fb-photo">Ảnh (không bắt buộc)</label><input id="fb-photo" name="photo" type="file" accept="image/png,image/jpeg,image/webp">
<label for="fb-name">Họ tên (không bắt buộc, không công khai)</label><input id="fb-name" name="contactName" maxlength="100" autocomplete="name">
<label for="fb-contact">Số điện thoại hoặc thư điện tử để được liên hệ (không bắt buộc, không công khai)</label><input id="fb-contact" name="contact" maxlength="200">
<button type="submit">Gửi ý kiến</button></form></section>`;
}
