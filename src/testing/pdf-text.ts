import { inflateSync } from 'node:zlib';

/**
 * The text of a PDF, page by page, as a reader would copy it: enough for tests to check what a
 * generated document says. It follows each page's fonts to their ToUnicode maps (the fonts are
 * embedded subsets, so glyph numbers mean nothing without them) and reads Tj/TJ strings.
 */
export function pdfPages(bytes: Uint8Array): string[] {
  const raw = Buffer.from(bytes).toString('latin1');
  const objects = new Map<number, { dict: string; stream: Buffer | null }>();
  for (const m of raw.matchAll(/(\d+) 0 obj([\s\S]*?)endobj/g)) {
    const body = m[2]!;
    const s = /stream\r?\n/.exec(body);
    let stream: Buffer | null = null;
    if (s) {
      const start = s.index + s[0].length;
      const end = body.lastIndexOf('endstream');
      const data = Buffer.from(body.slice(start, end).replace(/\r?\n$/, ''), 'latin1');
      stream = /\/FlateDecode/.test(body.slice(0, s.index)) ? inflateSync(data) : data;
    }
    objects.set(Number(m[1]), { dict: s ? body.slice(0, s.index) : body, stream });
  }
  const cmaps = new Map<number, Map<string, string>>();
  const cmapOf = (fontId: number) => {
    const ref = /\/ToUnicode (\d+) 0 R/.exec(objects.get(fontId)?.dict ?? '');
    if (!ref) return new Map<string, string>();
    const id = Number(ref[1]);
    if (!cmaps.has(id)) cmaps.set(id, parseCmap(objects.get(id)?.stream?.toString('latin1') ?? ''));
    return cmaps.get(id)!;
  };
  const pages: string[] = [];
  for (const [, o] of objects) {
    if (!/\/Type \/Page\b/.test(o.dict)) continue;
    const fonts = new Map<string, number>();
    const resRef = /\/Resources (\d+) 0 R/.exec(o.dict);
    const res = resRef ? (objects.get(Number(resRef[1]))?.dict ?? '') : o.dict;
    for (const f of res.matchAll(/\/(F\d+) (\d+) 0 R/g)) fonts.set(f[1]!, Number(f[2]));
    const contents = /\/Contents (\d+) 0 R/.exec(o.dict);
    const text = objects.get(Number(contents?.[1]))?.stream?.toString('latin1') ?? '';
    let map = new Map<string, string>();
    let out = '';
    for (const t of text.matchAll(
      /\/(F\d+) [\d.]+ Tf|\[((?:<[0-9a-fA-F]*>|[^\]])*)\] TJ|<([0-9a-fA-F]*)> Tj|\bT\*|\bTd\b|\bET\b/g,
    )) {
      if (t[1]) map = cmapOf(fonts.get(t[1]) ?? -1);
      else if (t[2] !== undefined) for (const h of t[2].matchAll(/<([0-9a-fA-F]*)>/g)) out += decode(h[1]!, map);
      else if (t[3] !== undefined) out += decode(t[3], map);
      else out += ' ';
    }
    pages.push(out.replace(/\s+/g, ' ').trim());
  }
  return pages;
}

function decode(hex: string, map: Map<string, string>) {
  let s = '';
  for (let i = 0; i < hex.length; i += 4) s += map.get(hex.slice(i, i + 4).toLowerCase()) ?? '';
  return s;
}

function parseCmap(text: string): Map<string, string> {
  const map = new Map<string, string>();
  const utf16 = (h: string) => String.fromCharCode(...(h.match(/.{4}/g) ?? []).map((x) => parseInt(x, 16)));
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(m[1]!.toLowerCase(), utf16(m[2]!));
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
      const from = parseInt(m[1]!, 16);
      const to = parseInt(m[2]!, 16);
      const dst = m[3]!;
      const list = dst.startsWith('[') ? [...dst.matchAll(/<([0-9a-fA-F]+)>/g)].map((x) => x[1]!) : null;
      for (let c = from; c <= to; c++) {
        const key = c.toString(16).padStart(4, '0');
        if (list) map.set(key, utf16(list[c - from] ?? ''));
        else map.set(key, String.fromCharCode(parseInt(dst.slice(1, -1), 16) + (c - from)));
      }
    }
  return map;
}
