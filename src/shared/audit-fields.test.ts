import { describe, expect, it } from 'vitest';
import { changedFields, fieldValue } from './audit-fields';

describe('audit fields in words', () => {
  it('names known fields and indicators, keeps ids, versions and keys out of sight', () => {
    const { shown } = changedFields(
      { id: 7, name: 'xã Hải Sơn', version: 3, searchKey: 'xa hai son', effectiveTo: null },
      { id: 7, name: 'xã Hải Sơn mới', version: 4, searchKey: 'xa hai son moi', effectiveTo: '2025-06-30' },
      'vi',
    );
    expect(shown).toEqual([
      { label: 'Tên', before: 'xã Hải Sơn', after: 'xã Hải Sơn mới' },
      { label: 'Hiệu lực đến', before: '—', after: '30/06/2025' },
    ]);
    const values = changedFields({ '4.3': { value: 41.5, note: null } }, { '4.3': { value: 42.333, note: 'Đo lại' } }, 'en');
    expect(values.shown).toEqual([{ label: 'Indicator 4.3', before: '41,5', after: '42,33 — Đo lại' }]);
  });

  it('leaves out fields that did not change and shows a creation as before — / after value', () => {
    expect(changedFields({ status: 'draft', note: 'x' }, { status: 'published', note: 'x' }, 'vi').shown).toEqual([
      { label: 'Trạng thái', before: 'Bản nháp', after: 'Đã công bố' },
    ]);
    expect(changedFields({ kind: 'medium_term' }, { kind: 'annual' }, 'vi').shown).toEqual([]);
    expect(changedFields(null, { title: 'Giám sát', active: true }, 'vi').shown).toEqual([
      { label: 'Tiêu đề', before: '—', after: 'Giám sát' },
      { label: 'Đang hoạt động', before: '—', after: 'Có' },
    ]);
  });

  it('never shows a word that reads like a stored code', () => {
    for (const [b, a] of [
      [{ status: 'draft' }, { status: 'some_new_state' }],
      [{ role: 'commune_officer' }, null],
    ] as const)
      for (const f of changedFields(b, a, 'vi').shown) expect(`${f.before} ${f.after}`).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
  });

  it('writes times in Vietnam time and never shows a key of a nested value', () => {
    expect(fieldValue('2026-11-29T17:30:00.000Z', 'vi')).toBe('30/11/2026 00:30');
    expect(fieldValue({ unitId: 4, value: 3, kind: 'x' }, 'vi')).toBe('3 — x');
  });

  it('reads a confirmation and an account as people do: months as months, roles and job titles in words', () => {
    const confirm = changedFields(
      { confirmed: false, targetMonth: '2027-08-01', costClass: 'none', leadAgencyId: null },
      { confirmed: true, targetMonth: '2027-06-01', costClass: 'budget', leadAgencyId: 18 },
      'vi',
      'roadmap_item',
    );
    expect(confirm.shown).toEqual([
      { label: 'Đã xác nhận', before: 'Không', after: 'Có' },
      { label: 'Tháng hoàn thành', before: '08/2027', after: '06/2027' },
      { label: 'Kinh phí', before: 'Không cần kinh phí', after: 'Cần kinh phí sự nghiệp' },
    ]);
    expect(changedFields(null, { title: 'Phó Chánh Văn phòng', role: 'commune_officer' }, 'vi', 'user').shown).toEqual([
      { label: 'Chức danh', before: '—', after: 'Phó Chánh Văn phòng' },
      { label: 'Vai trò', before: '—', after: 'Cán bộ xã' },
    ]);
  });
});
