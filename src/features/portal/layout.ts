/**
 * The public portal's page shell: server-rendered HTML that works without JavaScript, in Vietnamese
 * (`lang="vi"`), with a skip link, landmarks, Open Graph tags and one small inline stylesheet.
 */
import { loadEcharts } from '../../lib/lazy';
import type { Deps } from '../../context';
import { baseUrl, esc } from '../../lib/html';

const CSS = `*{box-sizing:border-box}body{font-family:system-ui,"Segoe UI",Roboto,Arial,sans-serif;margin:0;background:#f6f7f4;color:#1d2a1f;line-height:1.5}
a{color:#0b5394}a:focus,button:focus,input:focus,select:focus,textarea:focus{outline:3px solid #c98a00;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:8px;z-index:9}
header{background:#1f5f3a;color:#fff;padding:10px 16px}header a{color:#fff}header .brand{font-weight:700;text-decoration:none;font-size:1.1rem}
header nav{display:flex;flex-wrap:wrap;gap:4px 16px;margin-top:6px}header nav a{text-decoration:none}header nav a[aria-current=page]{text-decoration:underline}
main{max-width:960px;margin:0 auto;padding:16px}
.card{background:#fff;border-radius:8px;padding:16px;box-shadow:0 1px 3px rgba(0,0,0,.08);margin-bottom:16px}
h1{margin:0 0 8px;font-size:1.5rem}h2{font-size:1.2rem;margin:0 0 8px}
.muted{color:#4f5f52}.tag{display:inline-block;background:#e7f1ea;border-radius:12px;padding:2px 10px;margin:2px;font-size:.9rem}
.stars{color:#8a5d00;font-size:1.4rem;letter-spacing:2px}.nostar{background:#fff4e5;border-left:4px solid #8a5d00;padding:8px 12px}
.figures{display:flex;flex-wrap:wrap;gap:12px}.figure{background:#fff;border:1px solid #d5ddd6;border-radius:8px;padding:10px 14px;min-width:9rem}
.figure strong{display:block;font-size:1.4rem}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #e3e8e4;vertical-align:top}
th{background:#eef3ef}.met{color:#1f5f3a;font-weight:600}.unmet{color:#a11b1b;font-weight:600}.na{color:#4a4f55;font-style:italic}
.photos{display:flex;gap:8px;flex-wrap:wrap}.photos img{width:200px;height:150px;object-fit:cover;border-radius:6px}
dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px}dt{color:#4f5f52}dd{margin:0}
form.feedback label{display:block;font-weight:600;margin-top:8px}form.feedback input,form.feedback select,form.feedback textarea{width:100%;padding:8px;font:inherit;border:1px solid #8a968c;border-radius:4px}
button{background:#1f5f3a;color:#fff;border:0;border-radius:4px;padding:10px 16px;font:inherit;margin-top:10px;cursor:pointer}
.hp{position:absolute;left:-5000px;width:1px;height:1px;overflow:hidden}
.notice{background:#e7f1ea;border-left:4px solid #1f5f3a;padding:8px 12px}.error{background:#fdecea;border-left:4px solid #a11b1b;padding:8px 12px}
.answer{border-left:3px solid #1f5f3a;padding-left:10px;margin:6px 0 0}
.qr{display:flex;gap:16px;align-items:center}figure{margin:0}svg{max-width:100%;height:auto}
footer{color:#4f5f52;font-size:.85rem;text-align:center;padding:16px}
@media (max-width:600px){dl{grid-template-columns:1fr}th,td{padding:4px}}`;

const NAV = [
  ['/cong-khai', 'Tổng quan'],
  ['/cong-khai/san-pham', 'Sản phẩm OCOP'],
  ['/cong-khai/du-an', 'Công trình, dự án'],
  ['/cong-khai/du-lieu', 'Dữ liệu mở'],
] as const;

export function layout(
  deps: Deps,
  o: { title: string; description: string; path: string; body: string; image?: string | undefined },
): string {
  const url = `${baseUrl(deps)}${o.path}`;
  const nav = NAV.map(
    ([href, label]) =>
      `<a href="${href}"${o.path === href || (href !== '/cong-khai' && o.path.startsWith(href)) ? ' aria-current="page"' : ''}>${label}</a>`,
  ).join('');
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(o.title)} · Đồng Lòng</title><meta name="description" content="${esc(o.description)}">
<meta property="og:type" content="website"><meta property="og:site_name" content="Đồng Lòng — Cổng thông tin công khai">
<meta property="og:title" content="${esc(o.title)}"><meta property="og:description" content="${esc(o.description)}">
<meta property="og:url" content="${esc(url)}"><meta property="og:locale" content="vi_VN">${o.image ? `<meta property="og:image" content="${esc(baseUrl(deps) + o.image)}">` : ''}
<link rel="canonical" href="${esc(url)}"><style>${CSS}</style></head><body><a class="skip" href="#noi-dung">Bỏ qua, đến nội dung chính</a>
<header><a class="brand" href="/cong-khai">Đồng Lòng · Cổng thông tin công khai</a><nav aria-label="Trang công khai">${nav}</nav></header>
<main id="noi-dung">${o.body}</main>
<footer>Dân biết, dân bàn, dân làm, dân kiểm tra, dân giám sát, dân thụ hưởng. Chỉ hiển thị số liệu đã được xác minh và công bố.
<br><a href="/cong-khai/du-lieu">Dữ liệu mở</a> · <a href="/sitemap.xml">Sơ đồ trang</a></footer></body></html>`;
}

/** A bar chart as inline SVG (rendered on the server, so it shows without JavaScript). */
export async function barChartSvg(o: {
  labels: string[];
  values: number[];
  max?: number | undefined;
  title: string;
  color?: string;
}): Promise<string> {
  const chart = (await loadEcharts()).init(null, null, { renderer: 'svg', ssr: true, width: 880, height: 300 });
  chart.setOption({
    animation: false,
    aria: { enabled: false },
    textStyle: { fontFamily: 'system-ui, Arial, sans-serif' },
    grid: { left: 40, right: 10, top: 20, bottom: o.labels.length > 8 ? 90 : 40 },
    xAxis: { type: 'category', data: o.labels, axisLabel: { rotate: o.labels.length > 8 ? 35 : 0, interval: 0 } },
    yAxis: { type: 'value', min: 0, max: o.max },
    series: [{ type: 'bar', data: o.values, itemStyle: { color: o.color ?? '#1f5f3a' }, label: { show: true, position: 'top' } }],
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return `<figure role="img" aria-label="${esc(o.title)}">${svg}<figcaption class="muted">${esc(o.title)}</figcaption></figure>`;
}
