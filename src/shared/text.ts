/**
 * The one rule for text people type (names, reasons, comments, notes, file names): composed to NFC,
 * without invisible format characters (Unicode category Cf: zero-width spaces and joiners, soft hyphens,
 * byte-order marks, and the bidirectional controls U+200E/U+200F, U+202A–U+202E, U+2066–U+2069 that can
 * make `passwd\u202Egpj.exe` read as `passwdexe.jpg`), then trimmed. Vietnamese needs none of them:
 * its letters and tone marks are ordinary characters, which NFC composes and this leaves as they are.
 */
const INVISIBLE = /\p{Cf}/gu;

export function cleanText(s: string): string {
  // Removed before composing: a mark left behind by a removed character must still join its letter.
  return s.replace(INVISIBLE, '').normalize('NFC').trim();
}

/** Whether the text holds a character `cleanText` removes (other than surrounding spaces). */
export const hasInvisible = (s: string): boolean => /\p{Cf}/u.test(s);
