import ExcelJS from 'exceljs';
import { eq, inArray, sql } from 'drizzle-orm';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessments, oversightSnapshots, projects, recommendations, units, ocopProducts } from '../db/schema';
import { DEMO_PASSWORD, loadDemoIfEmpty } from '../seed/demo';
import { clientAs, makeProvince } from '../testing/factories';
import { createTestEnv, TestClient, type TestEnv } from '../testing/harness';

/**
 * What people type comes back out in spreadsheets, public pages, documents and other people's
 * screens. With hostile text stored everywhere (formulas, markup), no export carries a live
 * formula and no server-rendered page carries live markup; and no id-bearing route shows one
 * province's records to another province's staff.
 */
const FORMULA = '=HYPERLINK("http://evil.example","bấm")';
const MARKUP = '<script>alert("xss")</script><img src=x onerror=alert(1)>';
const HOSTILE = `${FORMULA} ${MARKUP}`;

describe('hostile text in every output, and records of another province', () => {
  let env: TestEnv;
  let admin: TestClient;
  let office: TestClient;
  let mc: number;

  beforeAll(async () => {
    env = await createTestEnv();
    await loadDemoIfEmpty(env.deps);
    admin = new TestClient(env.app);
    await admin.login('admin', DEMO_PASSWORD);
    office = new TestClient(env.app);
    await office.login('vpdp.mongcai', DEMO_PASSWORD);
    mc = (await env.deps.db.select().from(units).where(eq(units.name, 'thành phố Móng Cái')))[0]!.id;
    // Hostile text wherever people type: unit and commune names, project, product, recommendation, notes.
    const mcCommunes = await env.deps.db.execute(
      sql`select descendant_id as id from unit_scope where ancestor_id = ${mc} and descendant_id <> ${mc}`,
    );
    const ids = (mcCommunes as { rows: { id: number }[] }).rows.map((r) => r.id);
    await env.deps.db
      .update(units)
      .set({ name: sql`${'+'} || name || ${' ' + HOSTILE}` })
      .where(inArray(units.id, ids.slice(0, 3)));
    await env.deps.db.update(projects).set({ name: sql`${'-'} || name || ${' ' + HOSTILE}`, description: HOSTILE });
    await env.deps.db.update(ocopProducts).set({ name: sql`${'@'} || name || ${' ' + MARKUP}`, description: HOSTILE });
    await env.deps.db.update(recommendations).set({ text: sql`${'='} || text || ${' ' + MARKUP}` });
    await env.deps.db.execute(
      sql`update assessment_values set note = ${HOSTILE} where assessment_id in (select id from assessments)`,
    );
  }, 120_000);
  afterAll(() => env.close());

  async function workbook(client: TestClient, url: string) {
    const res = await env.app.request(url, { headers: client.authHeaders() });
    expect(res.status, url).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    return wb;
  }

  function liveFormulas(wb: ExcelJS.Workbook) {
    const bad: string[] = [];
    let hostileSeen = 0;
    for (const ws of wb.worksheets)
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          const v = cell.value as unknown;
          const text =
            typeof v === 'string'
              ? v
              : v && typeof v === 'object' && 'richText' in v
                ? (v as { richText: { text: string }[] }).richText.map((r) => r.text).join('')
                : '';
          if (text.includes('HYPERLINK') || text.includes('<script>')) hostileSeen++;
          if (/^[=+\-@]/.test(text)) bad.push(`${ws.name}!${cell.address}: ${text.slice(0, 60)}`);
          if (cell.formula && /HYPERLINK|evil/i.test(cell.formula))
            bad.push(`${ws.name}!${cell.address}: formula ${cell.formula}`);
        }),
      );
    return { bad, hostileSeen };
  }

  it('no spreadsheet export carries a live formula, whatever was typed', async () => {
    const [mcAssessment] = await env.deps.db.select().from(assessments).where(eq(assessments.period, '2022-05-01')).limit(1);
    const [snapshot] = await env.deps.db.select().from(oversightSnapshots).limit(1);
    const urls: [TestClient, string][] = [
      [office, `/api/dashboard/heatmap.xlsx?unitId=${mc}&month=2022-05`],
      [office, `/api/dashboard/scorecard.xlsx?unitId=${mcAssessment!.unitId}&year=2022`],
      [office, `/api/capital/report.xlsx?unitId=${mc}&year=2022`],
      [office, `/api/roadmaps/budget.xlsx?unitId=${mc}&year=2023`],
      [admin, `/api/assessments/${mcAssessment!.id}/template.xlsx`],
      [admin, `/api/oversight/snapshots/${snapshot!.id}/pack.xlsx`],
    ];
    let seen = 0;
    for (const [client, url] of urls) {
      const { bad, hostileSeen } = liveFormulas(await workbook(client, url));
      expect(bad, url).toEqual([]);
      seen += hostileSeen;
    }
    expect(seen).toBeGreaterThan(0);
  });

  it('open data CSV neutralises formulas too', async () => {
    const res = await env.app.request('/cong-khai/du-lieu');
    const links = [...(await res.text()).matchAll(/href="(\/cong-khai\/du-lieu\/[^"]+\.csv)"/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) {
      const csv = await (await env.app.request(link)).text();
      for (const cell of csv.split(/[,\r\n]/)) expect(cell.replace(/^"/, ''), link).not.toMatch(/^[=+\-@][^\d]/);
    }
  });

  it('server-rendered public pages and documents escape markup', async () => {
    const sitemap = await (await env.app.request('/sitemap.xml')).text();
    const pages = ['/cong-khai', '/cong-khai/san-pham', '/cong-khai/du-an', '/cong-khai/du-lieu'];
    for (const m of sitemap.matchAll(/<loc>[^<]*?(\/cong-khai\/[^<]+)<\/loc>/g)) pages.push(m[1]!);
    let escaped = 0;
    for (const page of pages) {
      const html = await (await env.app.request(page)).text();
      expect(html, page).not.toContain('<script>alert');
      expect(html, page).not.toContain('<img src=x');
      if (html.includes('&lt;script&gt;')) escaped++;
    }
    expect(escaped).toBeGreaterThan(0);

    const [snapshot] = await env.deps.db.select().from(oversightSnapshots).limit(1);
    const res = await env.app.request(`/api/oversight/snapshots/${snapshot!.id}/pack.docx`, {
      headers: admin.authHeaders(),
    });
    expect(res.status).toBe(200);
    const xml = new TextDecoder().decode(unzipSync(new Uint8Array(await res.arrayBuffer()))['word/document.xml']);
    expect(xml).not.toContain('<script>');
  });

  it('JSON answers are served as JSON, never as a page a browser would run', async () => {
    const res = await env.app.request(`/api/capital/projects?unitId=${mc}`, {
      headers: office.authHeaders(),
    });
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(JSON.stringify(await res.json())).toContain('<script>');
  });

  it('SQL injection through every free-text filter finds nothing and breaks nothing', async () => {
    const doc = (await (await env.app.request('/api/openapi.json')).json()) as {
      paths: Record<
        string,
        {
          get?: {
            parameters?: {
              name: string;
              in: string;
              required?: boolean;
              schema: { type?: string; enum?: unknown[]; pattern?: string };
            }[];
          };
        }
      >;
    };
    const injections = [
      "' OR '1'='1",
      "' OR 1=1 --",
      "%' OR '%'='",
      "'; DELETE FROM units; --",
      "x') UNION SELECT username, password_hash FROM users --",
      '\\',
    ];
    let probed = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      const params = (item.get?.parameters ?? []).filter((p) => p.in === 'query');
      if (path.includes('{') || !item.get) continue;
      const base = new URLSearchParams();
      for (const p of params.filter((x) => x.required)) base.set(p.name, p.schema.type === 'integer' ? String(mc) : '2022-05');
      for (const p of params.filter((x) => x.schema.type === 'string' && !x.schema.enum && !x.schema.pattern)) {
        const count = async (value: string) => {
          const q = new URLSearchParams(base);
          q.set(p.name, value);
          const res = await admin.get<{ items?: unknown[] } | unknown[]>(`${path}?${q}`);
          expect(res.status, `${path}?${q}`).toBeLessThan(500);
          const body = res.body;
          return Array.isArray(body) ? body.length : Array.isArray(body?.items) ? body.items.length : 0;
        };
        const nothing = await count('khongcoketquanao');
        for (const inj of injections) expect(await count(inj), `${path} ${p.name}=${inj}`).toBeLessThanOrEqual(nothing);
        probed++;
      }
    }
    expect(probed).toBeGreaterThanOrEqual(8);
    expect(await env.deps.db.$count(units)).toBeGreaterThan(10);
  });

  it('no id-bearing route shows another province’s records (IDOR sweep)', async () => {
    const other = await makeProvince(env.deps, 'tỉnh Ngoài Phạm Vi');
    const made = await Promise.all(
      (['coordination_office', 'agency', 'council_member', 'viewer', 'commune_officer'] as const).map((role) =>
        clientAs(env, role, role === 'commune_officer' ? other.communeA.id : other.province.id),
      ),
    );
    const outsiders = made.map((m) => m.client);
    // The outsiders' own accounts belong to their province: reading them is not a leak.
    const ownUrls = new Set(made.map((m) => `/api/users/${m.user.id}`));
    const doc = (await (await env.app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    // National reference data anyone signed in may read.
    const shared = [/^\/api\/criteria-sets\/\{id\}/, /^\/api\/ocop\/sheets\/\{id\}(\/export)?$/];
    const routes = Object.entries(doc.paths)
      .filter(([path, item]) => path.includes('{id}') && 'get' in item && !shared.some((r) => r.test(path)))
      .map(([path]) => path);
    expect(routes.length).toBeGreaterThanOrEqual(15);
    const leaks: string[] = [];
    let reachable = 0;
    for (const path of routes) {
      for (let id = 1; id <= 25; id++) {
        const url = path.replace('{id}', String(id)).replace(/\{\w+\}/g, '1');
        if (ownUrls.has(url)) continue;
        const insider = await admin.get(url);
        if (insider.status !== 200) continue;
        reachable++;
        for (const outsider of outsiders) {
          const res = await outsider.get(url);
          if (res.status < 400) leaks.push(`${url} → ${res.status}`);
        }
      }
    }
    expect(reachable).toBeGreaterThan(50);
    expect(leaks).toEqual([]);
  });
});
