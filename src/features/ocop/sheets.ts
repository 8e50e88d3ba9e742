/**
 * The OCOP catalogue (6 groups, 26 product sets) and the versioned scoring sheets. The shipped
 * sheets are loaded at every start (idempotent); an administrator loads the other sets' sheets as
 * JSON, validated against the same schema, never by editing a sheet already in use.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { Actor, Deps, RequestMeta } from '../../context';
import type { Db } from '../../db/client';
import { ocopSheets } from '../../db/schema';
import { ScoringSheetDoc } from '../../domain/ocop/schema';
import { AppError, ruleViolation } from '../../lib/errors';
import catalogue from '../../seed/ocop/product-sets.json';
import sharedAB from '../../seed/ocop/sheets/shared-ab.json';
import partC from '../../seed/ocop/sheets/part-c.json';
import regimes from '../../seed/ocop/sheets/regimes.json';
import { composeSheet, type RegimeSpec, type SetPartC, type SharedParts } from '../../domain/ocop/compose';
import { RULE_TEXT, type Lang } from '../../lib/messages';
import { ROLE_ACTIONS, ROLE_LABELS, ROLES, type Role } from '../../shared/roles';
import { todayVn } from '../../shared/vi';
import { requireAction, requireNationalAction } from '../access/authorize';
import { write } from '../access/write-path';

export type ProductSet = { no: number; name: string; group: string; verified: boolean };
export const PRODUCT_SETS: ProductSet[] = catalogue.sets;
export const PRODUCT_GROUPS: string[] = [...new Set(PRODUCT_SETS.map((s) => s.group))];

export function productSet(no: number): ProductSet {
  const set = PRODUCT_SETS.find((s) => s.no === no);
  if (!set) throw ruleViolation('unknown_product_set', { setNo: no, allowed: '1–26' });
  return set;
}

/** The legal regime a round sits under: Decision 148/2023 until the two-level government, then 1489/2025. */
export function regimeOn(date: string): string {
  return date >= '2025-07-01' ? 'QD1489_2025' : 'QD148_2023';
}

const sheetRow = (doc: ScoringSheetDoc, now: Date) => ({
  code: doc.code,
  version: doc.version,
  setNo: doc.setNo,
  regime: doc.regime,
  document: doc,
  verified: doc.verified,
  createdAt: now,
});

async function insertSheet(tx: Db, doc: ScoringSheetDoc, now: Date) {
  const [row] = await tx.insert(ocopSheets).values(sheetRow(doc, now)).onConflictDoNothing().returning();
  return row ?? null;
}

let shippedCache: ScoringSheetDoc[] | null = null;

/** Every shipped sheet: each of the 26 product sets under each regime, composed from the data files and validated. */
export function shippedSheets(): ScoringSheetDoc[] {
  shippedCache ??= (regimes.regimes as RegimeSpec[]).flatMap((regime) =>
    (partC.sets as SetPartC[]).map((set) => {
      const { name, group } = productSet(set.setNo);
      return ScoringSheetDoc.parse(
        composeSheet(sharedAB as SharedParts, set, regime, { setName: name, group, sheetNote: regimes.sheetNote }),
      );
    }),
  );
  return shippedCache;
}

export async function ensureShippedSheets(tx: Db, now: Date) {
  const rows = shippedSheets().map((doc) => sheetRow(doc, now));
  if (rows.length) await tx.insert(ocopSheets).values(rows).onConflictDoNothing();
}

/** The newest published sheet for a product set under a regime (drafts are never used by a council). */
export async function sheetFor(db: Db, setNo: number, regime: string) {
  const [row] = await db
    .select()
    .from(ocopSheets)
    .where(and(eq(ocopSheets.setNo, setNo), eq(ocopSheets.regime, regime), eq(ocopSheets.status, 'published')))
    .orderBy(desc(ocopSheets.version))
    .limit(1);
  return row ?? null;
}

/** The roles that may publish a scoring sheet: read from the role table, so the warning never goes stale. */
export const SHEET_PUBLISHERS: Role[] = ROLES.filter((r) => ROLE_ACTIONS[r].includes('ocop.sheet_manage'));

export type SheetWarning = {
  rule: 'ocop_sheet_not_published';
  setNo: number;
  setName: string;
  publishers: { role: Role; label: string }[];
  message: string;
};

/**
 * A product in a set with no published sheet can walk the cycle but no council can score it; the
 * person registering it is told at once, with who can publish one.
 */
export async function sheetWarnings(db: Db, setNo: number, now: Date, lang: Lang): Promise<SheetWarning[]> {
  if (await sheetFor(db, setNo, regimeOn(todayVn(now)))) return [];
  const set = productSet(setNo);
  const publishers = SHEET_PUBLISHERS.map((role) => ({ role, label: ROLE_LABELS[role][lang] }));
  const who = `${publishers.map((p) => p.label).join(', ')} ${lang === 'vi' ? '(cấp quốc gia)' : '(national level)'}`;
  const text = RULE_TEXT.ocop_sheet_not_published[lang];
  const message = `${text.charAt(0).toUpperCase()}${text.slice(1)} (${set.no}. ${set.name}). ${
    lang === 'vi' ? `Người ban hành phiếu: ${who}.` : `Who can publish one: ${who}.`
  }`;
  return [{ rule: 'ocop_sheet_not_published', setNo, setName: set.name, publishers, message }];
}

export async function importSheet(deps: Deps, actor: Actor, meta: RequestMeta, raw: unknown) {
  requireAction(actor, 'ocop.sheet_manage');
  const parsed = ScoringSheetDoc.safeParse(raw);
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', {
      issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  productSet(parsed.data.setNo);
  return write(
    { deps, actor, meta },
    {
      // National data: kept by holders of the action on the country, not by a province's office.
      can: (db) => requireNationalAction(db, actor, 'ocop.sheet_manage'),
      load: async () => parsed.data,
      units: () => [],
      apply: async (tx, doc) => {
        const row = await insertSheet(tx, doc, meta.now);
        if (!row)
          throw new AppError('CONFLICT', { field: 'code+version', hint: 'a sheet in use is never edited; raise the version' });
        return {
          result: row,
          audit: {
            action: 'ocop_sheet.import',
            entityType: 'ocop_sheet',
            entityId: row.id,
            after: { code: row.code, version: row.version, setNo: row.setNo, regime: row.regime, verified: row.verified },
          },
        };
      },
    },
  );
}
