import { describe, expect, it } from 'vitest';
import type { Lang } from '../../lib/messages';
import {
  NOTICES,
  noticeText,
  phrase,
  PHRASES,
  renderNotice,
  type NoticeKind,
  type NoticeParams,
  type NoticeValue,
} from './catalogue';

const LANGS: Lang[] = ['vi', 'en'];
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
/** Text a person reads must be words: no snake_case keys or SHOUTED codes. */
const CODE_LIKE = /\b[a-z]+_[a-z_]+\b|\b[A-Z_]{6,}\b/;

describe('notice catalogue', () => {
  it('every kind has a title and a body in Vietnamese and English, using the same params', () => {
    for (const [kind, t] of Object.entries(NOTICES)) {
      for (const part of ['title', 'body'] as const) {
        for (const lang of LANGS) {
          expect(t[part][lang].trim().length, `${kind}.${part}.${lang}`).toBeGreaterThan(3);
          expect(CODE_LIKE.test(t[part][lang].replace(/\{\w+\}/g, '')), `${kind}.${part}.${lang}`).toBe(false);
        }
      }
      const vi = new Set([...placeholders(t.title.vi), ...placeholders(t.body.vi)]);
      const en = new Set([...placeholders(t.title.en), ...placeholders(t.body.en)]);
      expect([...en].sort(), kind).toEqual([...vi].sort());
      // Vietnamese text is Vietnamese: it carries diacritics.
      expect(/[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i.test(t.title.vi + t.body.vi), kind).toBe(
        true,
      );
    }
    for (const [key, p] of Object.entries(PHRASES)) {
      expect([...new Set(placeholders(p.en))].sort(), key).toEqual([...new Set(placeholders(p.vi))].sort());
    }
  });

  it('rendering every kind with its declared params leaves no {…} behind, in both languages', () => {
    for (const kind of Object.keys(NOTICES) as NoticeKind[]) {
      const t = NOTICES[kind];
      const names = new Set([...placeholders(t.title.vi), ...placeholders(t.body.vi)]);
      const params = Object.fromEntries([...names].map((n) => [n, `«${n}»`]));
      for (const lang of LANGS) {
        const out = renderNotice(kind, params, lang);
        expect(`${out.title}\n${out.body}`, `${kind}.${lang}`).not.toMatch(/\{\w*\}/);
        for (const n of names) expect(`${out.title}\n${out.body}`, `${kind}.${lang}`).toContain(`«${n}»`);
      }
    }
    for (const key of Object.keys(PHRASES) as (keyof typeof PHRASES)[]) {
      const names = placeholders(PHRASES[key].vi);
      const value: NoticeValue = { phrase: key, params: Object.fromEntries(names.map((n) => [n, 'x'])) };
      for (const lang of LANGS) {
        const out = renderNotice('oversight.decided', { verdict: value, council: 'c', seq: 1, text: 't', note: '' }, lang);
        expect(out.title, `${key}.${lang}`).not.toMatch(/\{\w*\}/);
      }
    }
  });

  it('formats the Vietnamese way in both languages: dd/mm/yyyy, mm/yyyy, decimal comma', () => {
    const params: NoticeParams<'ocop.result'> = {
      product: 'Khoai lang Hải Đông',
      round: 'Hội đồng cấp tỉnh',
      score: { decimal: 74.333, digits: 2 },
      star: 4,
      outcome: phrase('resultRecognised'),
    };
    expect(renderNotice('ocop.result', params, 'vi').body).toBe(
      'Hội đồng “Hội đồng cấp tỉnh” chấm 74,33 điểm, tương ứng 4 sao. Sản phẩm được đề nghị công nhận.',
    );
    expect(renderNotice('ocop.result', params, 'en').body).toBe(
      'The council “Hội đồng cấp tỉnh” scored 74,33 points, 4 stars. The product is proposed for recognition.',
    );
    const due = renderNotice(
      'roadmap.due',
      { code: '17.6', title: 'Thu gom rác', month: { month: '2026-03-01' }, days: 5, progress: 12.5 },
      'vi',
    );
    expect(due.body).toBe('Việc “Thu gom rác” đến hạn cuối tháng 03/2026 (còn 5 ngày). Tiến độ hiện tại: 12,5%.');
    const cert = renderNotice(
      'ocop.certified',
      { product: 'Chè', star: 3, decision: 'QĐ 12', number: 'GCN-1', validTo: { date: '2029-03-08' } },
      'en',
    );
    expect(cert.body).toContain('valid until 08/03/2029');
  });

  it('a returned month lists its indicators and comments in the reader’s language', () => {
    const params: NoticeParams<'assessment.returned'> = {
      unit: 'xã Hải Đông',
      month: { month: '2026-02' },
      comment: phrase('generalComment', { comment: 'Thiếu minh chứng' }),
      indicators: phrase('returnedIndicators', {
        count: 2,
        lines: {
          lines: [
            phrase('indicatorComment', { code: '17.6', comment: 'Chưa có biên bản' }),
            phrase('indicatorOnly', { code: '2.1' }),
          ],
        },
      }),
    };
    expect(renderNotice('assessment.returned', params, 'vi').body).toBe(
      'Văn phòng điều phối trả lại kết quả kiểm đếm tháng 02/2026.\nÝ kiến chung: Thiếu minh chứng\n' +
        'Các chỉ tiêu cần bổ sung (2):\n• Chỉ tiêu 17.6: Chưa có biên bản\n• Chỉ tiêu 2.1',
    );
    expect(renderNotice('assessment.returned', params, 'en').body).toBe(
      'The coordination office returned the results for 02/2026.\nGeneral comment: Thiếu minh chứng\n' +
        'Indicators to correct (2):\n• Indicator 17.6: Chưa có biên bản\n• Indicator 2.1',
    );
  });

  it('params are checked when the code is compiled', () => {
    // @ts-expect-error a param the template uses is missing
    const missing: NoticeParams<'ocop.idea_returned'> = { product: 'x' };
    // @ts-expect-error a param the template does not use
    const extra: NoticeParams<'ocop.plan_approved'> = { product: 'x', date: { date: '2026-01-01' }, reason: 'y' };
    // @ts-expect-error a phrase's param is missing
    phrase('dashNote');
    expect([missing, extra]).toHaveLength(2);
  });

  it('older rows without params, or of a kind no longer sent, show their stored text', () => {
    expect(noticeText({ kind: 'x', params: { a: 1 }, title: 'Cũ', body: 'Nội dung cũ' }, 'en')).toEqual({
      title: 'Cũ',
      body: 'Nội dung cũ',
    });
    expect(noticeText({ kind: 'roadmap.digest', params: null, title: 'Cũ', body: 'Nội dung cũ' }, 'en').title).toBe('Cũ');
    expect(
      noticeText(
        { kind: 'roadmap.digest', params: { date: { date: '2026-03-10' }, open: 2, late: 0 }, title: '', body: '' },
        'en',
      ).title,
    ).toBe('Summary for 10/03/2026: 2 open items');
  });

  it('the English digest counts in the singular for one item and in the plural otherwise', () => {
    const digest = (open: number) => renderNotice('roadmap.digest', { date: { date: '2026-03-10' }, open, late: 0 }, 'en');
    expect(digest(1)).toEqual({ title: 'Summary for 10/03/2026: 1 open item', body: 'You have 1 open item; 0 overdue.' });
    expect(digest(3).title).toBe('Summary for 10/03/2026: 3 open items');
    expect(renderNotice('roadmap.digest', { date: { date: '2026-03-10' }, open: 1, late: 1 }, 'vi').title).toBe(
      'Tổng hợp ngày 10/03/2026: 1 việc đang mở',
    );
  });
});
