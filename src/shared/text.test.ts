import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeFileName } from '../lib/sniff';
import { cleanText } from './text';

/** What must never survive: bidirectional controls and every other invisible format character (Cf). */
const FORBIDDEN = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u200b-\u200d\u2060\ufeff\u00ad]|\p{Cf}/u;
const INVISIBLE = [
  '\u200b',
  '\u200c',
  '\u200d',
  '\u200e',
  '\u200f',
  '\u202a',
  '\u202b',
  '\u202c',
  '\u202d',
  '\u202e',
  '\u2060',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\ufeff',
  '\u00ad',
  '\u061c',
  '\u180e',
];
const VIETNAMESE = 'aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ'.split('');
const vietnamese = fc
  .array(fc.constantFrom(...VIETNAMESE, ...VIETNAMESE.map((c) => c.toUpperCase()), ' ', ',', '.', '0', '9'), { maxLength: 60 })
  .map((cs) => cs.join('').normalize('NFC'));

describe('cleanText: one rule for names and free text', () => {
  it('never leaves an invisible or direction-changing character, whatever it is given', () => {
    const withInvisible = fc
      .array(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 4 }), fc.constantFrom(...INVISIBLE)), { maxLength: 30 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(withInvisible, fc.string({ unit: 'binary', maxLength: 40 })), (s) => {
        const out = cleanText(s);
        expect(out).not.toMatch(FORBIDDEN);
        expect(out).toBe(out.trim());
        expect(out).toBe(out.normalize('NFC'));
        expect(cleanText(out)).toBe(out);
      }),
      { numRuns: 500 },
    );
  });

  it('joins a tone mark to its letter across a removed character', () => {
    expect(cleanText('Ha\u200b\u0300i Sơn')).toBe('Hài Sơn');
  });

  it('leaves ordinary Vietnamese text with its tone marks as it is', () => {
    fc.assert(
      fc.property(vietnamese, (s) => {
        expect(cleanText(s)).toBe(s.trim());
      }),
      { numRuns: 500 },
    );
    expect(cleanText('  Nâng cấp đường liên thôn Đồng Tâm, xã Hải Đông  ')).toBe(
      'Nâng cấp đường liên thôn Đồng Tâm, xã Hải Đông',
    );
    // Decomposed tone marks (as some keyboards send them) are composed, not lost.
    expect(cleanText('Quảng Ninh'.normalize('NFD'))).toBe('Quảng Ninh');
  });

  it('removes what hides in between and around: nothing visible is nothing', () => {
    expect(cleanText('\u200b'.repeat(6))).toBe('');
    expect(cleanText('\u202e\u2066 \u200f\ufeff ')).toBe('');
    expect(cleanText('Sửa\u200b số\u202e liệu')).toBe('Sửa số liệu');
  });

  it('a file name keeps what it says: no turned-around end, no path', () => {
    expect(safeFileName('../../etc/passwd\u202egpj.exe')).toBe('passwdgpj.exe');
    expect(safeFileName('Biên bản nghiệm thu.pdf')).toBe('Biên bản nghiệm thu.pdf');
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({ maxLength: 5 }), fc.constantFrom(...INVISIBLE, '/', '\\')), { maxLength: 20 }),
        (parts) => {
          const name = safeFileName(parts.join(''));
          expect(name).not.toMatch(FORBIDDEN);
          expect(name).not.toMatch(/[\\/]/);
          expect(name.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});
