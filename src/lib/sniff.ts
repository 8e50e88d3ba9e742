/**
 * File type from the bytes, never from the name: PDF, images, Office documents. Returns null for
 * anything else (scripts, SVG, executables, archives that are not Office files).
 */
import { Unzip, UnzipInflate } from 'fflate';
import { cleanText } from '../shared/text';

export type Sniffed = { mime: string; ext: string; image: boolean };

const startsWith = (b: Uint8Array, sig: number[], offset = 0) => sig.every((x, i) => b[offset + i] === x);
// latin1 maps every byte to one character; no spread, so a megabyte of header costs no stack.
const latin1 = new TextDecoder('latin1');
const ascii = (b: Uint8Array, from: number, to: number) => latin1.decode(b.subarray(from, Math.min(to, b.length)));

export function sniff(bytes: Uint8Array): Sniffed | null {
  if (bytes.length < 8) return null;
  if (ascii(bytes, 0, 5) === '%PDF-') return { mime: 'application/pdf', ext: 'pdf', image: false };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { mime: 'image/png', ext: 'png', image: true };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { mime: 'image/jpeg', ext: 'jpg', image: true };
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return { mime: 'image/gif', ext: 'gif', image: true };
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return { mime: 'image/webp', ext: 'webp', image: true };
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))
    return { mime: 'application/x-ole-storage', ext: 'doc', image: false };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    // An OOXML package names its parts in the zip directory; look for the main part.
    const head = ascii(bytes, 0, Math.min(bytes.length, 1 << 20));
    if (!head.includes('[Content_Types].xml')) return null;
    if (head.includes('word/'))
      return { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: 'docx', image: false };
    if (head.includes('xl/'))
      return { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: 'xlsx', image: false };
    if (head.includes('ppt/'))
      return { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', ext: 'pptx', image: false };
    return null;
  }
  return null;
}

/** A file name safe to show and to send back in Content-Disposition. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'tep';
  const cleaned = cleanText(base)
    // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
    .replace(/[\u0000-\u001f\u007f"<>:|?*]/g, '_')
    .replace(/^\.+/, '')
    .trim()
    .slice(0, 150);
  return cleaned || 'tep';
}

/** Above this, an uploaded Office file is refused before it is opened (a spreadsheet of entries is a few MB). */
export const MAX_UNPACKED_BYTES = 64 * 1024 * 1024;

/**
 * Whether a zip (an .xlsx or .docx) unpacks within `maxTotal` bytes and `maxEntries` parts. The
 * parts are inflated and counted as they stream — the sizes written in the archive are not
 * trusted — and counting stops at the limit, so a zip bomb costs milliseconds, not memory.
 */
export function unpacksWithin(bytes: Uint8Array, maxTotal = MAX_UNPACKED_BYTES, maxEntries = 5000): boolean {
  let total = 0;
  let entries = 0;
  let ok = true;
  const unzip = new Unzip((file) => {
    if (!ok) return;
    if (++entries > maxEntries) {
      ok = false;
      return;
    }
    file.ondata = (err, chunk) => {
      if (err || !ok) {
        ok = false;
        return;
      }
      total += chunk.length;
      if (total > maxTotal) {
        ok = false;
        file.terminate();
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    unzip.push(bytes, true);
  } catch {
    return false;
  }
  return ok && entries > 0;
}
