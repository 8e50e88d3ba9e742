import { describe, expect, it } from 'vitest';
import { applicabilityCollisions, chooseSets, type SetCandidate, type UnitClasses } from './applicable';

const REGIONS = ['TDMNPB', 'DBSH'].map((code) => ({ code, name_vi: code }));
const GROUPS = ['NHOM_1', 'NHOM_2', 'NHOM_3'].map((code) => ({ code, name_vi: code }));

type S = SetCandidate & { name: string };
function set(name: string, over: Partial<SetCandidate> & { owner: number; from: string; to?: string | null }): S {
  const y2026 = over.from >= '2026-02-15';
  return {
    name,
    code: over.code ?? name,
    version: over.version ?? 1,
    level: over.level ?? 'ntm',
    derivation: over.derivation ?? null,
    baseCode: over.baseCode ?? null,
    ownerUnitId: over.owner,
    effectiveFrom: over.from,
    effectiveTo: over.to ?? null,
    publishedAt: over.publishedAt ?? new Date('2026-01-01T00:00:00Z'),
    document: {
      unitTypes: ['commune'],
      classification: y2026 ? { dimension: 'group3', classes: GROUPS } : { dimension: 'region7', classes: REGIONS },
      ...over.document,
    },
  };
}

// The country (1), Quảng Ninh (2), Móng Cái city (3, ended 1/7/2025), the former xã Hải Sơn under it (4),
// the merged xã Hải Sơn directly under the province (5), another province (6) and a commune of it (7),
// a special zone of Quảng Ninh (8).
const OWNERS: Record<string, number[]> = {
  'Hải Sơn (cũ)': [1, 2, 3, 4],
  'Hải Sơn (mới)': [1, 2, 5],
  'xã tỉnh khác': [1, 6, 7],
  'đặc khu': [1, 2, 8],
};

const N21 = set('quốc gia 2021–2025', { code: 'VN-2021', owner: 1, from: '2021-01-01', to: '2026-02-15' });
const A21 = set('nâng cao 2021–2025', {
  code: 'VN-NC-2021',
  owner: 1,
  from: '2021-01-01',
  to: '2026-02-15',
  level: 'advanced',
  derivation: 'advanced',
  baseCode: 'VN-2021',
});
const N26 = set('quốc gia 2026–2030', {
  code: 'VN-2026',
  owner: 1,
  from: '2026-02-15',
  document: { unitTypes: ['commune', 'special_zone'], classification: { dimension: 'group3', classes: GROUPS } },
});
const QN22 = set('Quảng Ninh bổ sung, bản 1', {
  code: 'QN-2022',
  owner: 2,
  from: '2022-05-11',
  to: '2026-02-15',
  derivation: 'overlay',
  baseCode: 'VN-2021',
});
// A later version of the overlay, in force from 2024: it takes over by its date, not by its number.
const QN22v2 = { ...QN22, name: 'Quảng Ninh bổ sung, bản 2', version: 2, effectiveFrom: '2024-01-01' };
const QN26G3 = set('Quảng Ninh bổ sung cho xã nhóm 3', {
  code: 'QN-2026-N3',
  owner: 2,
  from: '2026-03-01',
  derivation: 'overlay',
  baseCode: 'VN-2026',
  document: {
    unitTypes: ['commune'],
    classification: { dimension: 'group3', classes: GROUPS },
    applicability: { classes: ['NHOM_3'] },
  },
});
const HN26 = set('tỉnh khác thay thế', {
  code: 'P6-2026',
  owner: 6,
  from: '2026-07-01',
  document: {
    unitTypes: ['commune'],
    classification: { dimension: 'group3', classes: GROUPS },
    applicability: { precedence: 'replacement', legalBasis: 'Điều … (thí điểm)' },
  },
});
const ALL = [N21, A21, N26, QN22, QN22v2, QN26G3, HN26];

describe('which criteria set governs a unit and month', () => {
  const cases: [string, string, string, UnitClasses, string | null, string | null][] = [
    // unit, month, type, classes → base set, advanced set
    ['Hải Sơn (cũ)', '2022-03-01', 'commune', { region7: 'DBSH' }, 'quốc gia 2021–2025', 'nâng cao 2021–2025'],
    ['Hải Sơn (cũ)', '2022-06-01', 'commune', { region7: 'DBSH' }, 'Quảng Ninh bổ sung, bản 1', 'nâng cao 2021–2025'],
    ['Hải Sơn (cũ)', '2024-06-01', 'commune', { region7: 'DBSH' }, 'Quảng Ninh bổ sung, bản 2', 'nâng cao 2021–2025'],
    ['Hải Sơn (mới)', '2025-08-01', 'commune', { region7: 'DBSH' }, 'Quảng Ninh bổ sung, bản 2', 'nâng cao 2021–2025'],
    ['Hải Sơn (mới)', '2026-02-01', 'commune', {}, 'Quảng Ninh bổ sung, bản 2', 'nâng cao 2021–2025'],
    ['Hải Sơn (mới)', '2026-02-15', 'commune', { group3: 'NHOM_3' }, 'quốc gia 2026–2030', null],
    ['Hải Sơn (mới)', '2026-03-01', 'commune', { group3: 'NHOM_2' }, 'quốc gia 2026–2030', null],
    ['Hải Sơn (mới)', '2026-03-01', 'commune', { group3: 'NHOM_3' }, 'Quảng Ninh bổ sung cho xã nhóm 3', null],
    ['Hải Sơn (mới)', '2026-03-01', 'commune', {}, 'quốc gia 2026–2030', null],
    ['xã tỉnh khác', '2022-06-01', 'commune', { region7: 'TDMNPB' }, 'quốc gia 2021–2025', 'nâng cao 2021–2025'],
    ['xã tỉnh khác', '2026-06-30', 'commune', { group3: 'NHOM_3' }, 'quốc gia 2026–2030', null],
    ['xã tỉnh khác', '2026-07-01', 'commune', { group3: 'NHOM_3' }, 'tỉnh khác thay thế', null],
    ['đặc khu', '2026-03-01', 'special_zone', { group3: 'NHOM_3' }, 'quốc gia 2026–2030', null],
    ['đặc khu', '2025-03-01', 'special_zone', {}, null, null],
    ['Hải Sơn (mới)', '2026-03-01', 'ward', {}, null, null],
  ];
  it.each(cases)('%s, %s (%s %o) → %s', (unit, month, type, classes, base, advanced) => {
    const chosen = chooseSets(ALL, type, new Set(OWNERS[unit]), month, classes);
    expect(chosen?.base.name ?? null).toBe(base);
    expect(chosen?.advanced?.name ?? null).toBe(advanced);
  });

  it('does not depend on the order of the candidates nor on version numbers', () => {
    const renumbered = ALL.map((s, i) => ({ ...s, version: 100 - i }));
    for (const [unit, month, type, classes, base] of cases)
      for (const list of [renumbered, [...renumbered].reverse()])
        expect(chooseSets(list, type, new Set(OWNERS[unit]), month, classes)?.base.name ?? null).toBe(base);
  });
});

describe('publishing a set that would contend with another is refused', () => {
  const related = (a: number, b: number) =>
    a === b || Object.values(OWNERS).some((chain) => chain.includes(a) && chain.includes(b));
  const names = (s: SetCandidate) => applicabilityCollisions(s, ALL, related).map((x) => x.name);

  it('another national set for the same months, published as “version 2”, collides', () => {
    expect(names(set('bộ quốc gia khác', { code: 'VN-2026-B', version: 2, owner: 1, from: '2026-06-01' }))).toEqual([
      'quốc gia 2026–2030',
    ]);
    // The 2026 set has no end: a set for 2031 contends with it until a version of it says when it ends.
    const after2030 = set('bộ quốc gia sau 2030', { code: 'VN-2031', owner: 1, from: '2031-01-01' });
    expect(names(after2030)).toEqual(['quốc gia 2026–2030']);
    const ended = { ...N26, version: 2, effectiveTo: '2031-01-01', publishedAt: new Date('2030-06-01T00:00:00Z') };
    expect(applicabilityCollisions(after2030, [...ALL, ended], related)).toEqual([]);
    // …and from then on the ended version governs 2030, the new set 2031.
    const later = [...ALL, ended, after2030];
    expect(chooseSets(later, 'commune', new Set(OWNERS['Hải Sơn (mới)']), '2030-06-01', {})?.base.version).toBe(2);
    expect(chooseSets(later, 'commune', new Set(OWNERS['Hải Sơn (mới)']), '2031-06-01', {})?.base.name).toBe(
      'bộ quốc gia sau 2030',
    );
  });

  it('a new version of the same set does not collide with its earlier versions', () => {
    expect(names({ ...N26, version: 2, effectiveFrom: '2027-01-01' })).toEqual([]);
  });

  it('overlays of one province collide when their classes meet; other provinces and other classes are apart', () => {
    const overlay = (name: string, owner: number, classes: string[]) =>
      set(name, {
        code: name,
        owner,
        from: '2026-06-01',
        derivation: 'overlay',
        baseCode: 'VN-2026',
        document: {
          unitTypes: ['commune'],
          classification: { dimension: 'group3', classes: GROUPS },
          applicability: { classes },
        },
      });
    expect(names(overlay('QN-N3-B', 2, ['NHOM_3', 'NHOM_2']))).toEqual(['Quảng Ninh bổ sung cho xã nhóm 3']);
    expect(names(overlay('QN-N1', 2, ['NHOM_1']))).toEqual([]);
    expect(names(overlay('P6-N3', 6, ['NHOM_3']))).toEqual([]);
  });

  it('a provincial set that does not say it overlays or replaces contends with the national set', () => {
    expect(names(set('tỉnh không ghi rõ', { code: 'QN-X', owner: 2, from: '2026-03-01' }))).toEqual(['quốc gia 2026–2030']);
  });
});
