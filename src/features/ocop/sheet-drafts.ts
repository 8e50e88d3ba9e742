/**
 * Scoring sheets made in the application: a draft is started from any sheet as a template for a
 * product set, edited (validated on every save against the same schema as the shipped sheets) and
 * published, after which it is frozen and councils use it. The next version of a set's code is always
 * the stored maximum + 1. Every step goes through the write path and is audited.
 */
import { z } from 'zod';
import { and, eq, max } from 'drizzle-orm';
import type { Actor, Deps, RequestMeta } from '../../context';
import type { Db } from '../../db/client';
import { ocopSheets } from '../../db/schema';
import { sheetCode } from '../../domain/ocop/compose';
import { criteriaOf } from '../../domain/ocop/scoring';
import { ScoringSheetDoc } from '../../domain/ocop/schema';
import { AppError, ruleViolation } from '../../lib/errors';
import { requireNationalAction } from '../access/authorize';
import { write } from '../access/write-path';
import { productSet, shippedSheets } from './sheets';

type SheetRow = typeof ocopSheets.$inferSelect;

/** National data, not tied to a unit: the role decides (an action checked on no unit would pass everyone). */
/** Sheets are national: kept by holders of the action on the country, not by a province's office. */
const byRole = (actor: Actor) => (db: Db) => requireNationalAction(db, actor, 'ocop.sheet_manage');

/** JSON Schema of a scoring-sheet document: the import / export format, published at /api/schemas/ocop-sheet.json. */
export function ocopSheetJsonSchema() {
  return z.toJSONSchema(ScoringSheetDoc, { target: 'draft-2020-12', io: 'input' });
}

function parseDoc(raw: unknown): ScoringSheetDoc {
  const parsed = ScoringSheetDoc.safeParse(raw);
  if (!parsed.success)
    throw new AppError(
      'VALIDATION_FAILED',
      parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), code: i.code, message: i.message })),
    );
  return parsed.data;
}

/** A sheet's verified flag follows its criteria: verified only when every criterion says so. */
const withVerified = (doc: ScoringSheetDoc): ScoringSheetDoc => ({
  ...doc,
  verified: criteriaOf(doc).every((c) => c.verified === true),
});

async function loadSheet(db: Db, id: number, lock = false): Promise<SheetRow> {
  const q = db.select().from(ocopSheets).where(eq(ocopSheets.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** The code a set's sheets carry: the shipped one when the set has one, so versions continue it. */
function codeForSet(setNo: number): string {
  return shippedSheets().find((s) => s.setNo === setNo)?.code ?? sheetCode(setNo, 'BO-SAN-PHAM');
}

const meta_ = (row: SheetRow) => ({
  id: row.id,
  code: row.code,
  version: row.version,
  setNo: row.setNo,
  regime: row.regime,
  status: row.status,
  verified: row.verified,
  rowVersion: row.rowVersion,
});

export async function createSheetDraft(deps: Deps, actor: Actor, meta: RequestMeta, templateId: number, setNo: number) {
  const set = productSet(setNo);
  return write(
    { deps, actor, meta },
    {
      can: byRole(actor),
      load: (db) => loadSheet(db, templateId),
      units: () => [],
      apply: async (tx, template) => {
        const code = codeForSet(set.no);
        // One draft per set: the office finishes (or publishes) it before starting another. Two drafts
        // started at once: the unique keys (one draft per code; code and version) refuse the second (409).
        const [open] = await tx
          .select({ id: ocopSheets.id, version: ocopSheets.version })
          .from(ocopSheets)
          .where(and(eq(ocopSheets.code, code), eq(ocopSheets.status, 'draft')));
        if (open) throw ruleViolation('ocop_sheet_draft_exists', { draftId: open.id, version: open.version });
        const [{ top } = { top: null }] = await tx
          .select({ top: max(ocopSheets.version) })
          .from(ocopSheets)
          .where(eq(ocopSheets.code, code));
        const version = (top ?? 0) + 1;
        const doc = withVerified({ ...template.document, code, version, setNo: set.no, setName: set.name, group: set.group });
        const [row] = await tx
          .insert(ocopSheets)
          .values({
            code,
            version,
            setNo: set.no,
            regime: template.regime,
            document: doc,
            verified: doc.verified,
            status: 'draft',
            createdBy: actor.userId,
            createdAt: meta.now,
          })
          .returning();
        return {
          result: meta_(row!),
          audit: {
            action: 'ocop_sheet.draft',
            entityType: 'ocop_sheet',
            entityId: row!.id,
            after: { ...meta_(row!), from: { id: template.id, code: template.code, version: template.version } },
          },
        };
      },
    },
  );
}

/** The write path over one stored sheet: national keepers only, its row locked, its row version compared. */
const onDraft = (actor: Actor, id: number, rowVersion: number) => ({
  can: byRole(actor),
  load: (db: Db) => loadSheet(db, id),
  units: () => [],
  lock: (tx: Db) => loadSheet(tx, id, true),
  version: { sent: rowVersion, stored: (r: SheetRow) => r.rowVersion },
});

function requireDraft(row: SheetRow) {
  if (row.status !== 'draft') throw ruleViolation('ocop_sheet_published', { id: row.id });
}

export async function updateSheetDraft(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  id: number,
  input: { rowVersion: number; document: unknown },
) {
  return write(
    { deps, actor, meta },
    {
      ...onDraft(actor, id, input.rowVersion),
      apply: async (tx, before) => {
        requireDraft(before);
        // What identifies the sheet stays the row's; the document brings the content.
        const raw = input.document && typeof input.document === 'object' ? input.document : {};
        const doc = withVerified(
          parseDoc({ ...raw, code: before.code, version: before.version, setNo: before.setNo, regime: before.regime }),
        );
        productSet(doc.setNo);
        const [row] = await tx
          .update(ocopSheets)
          .set({ document: doc, verified: doc.verified, rowVersion: before.rowVersion + 1 })
          .where(eq(ocopSheets.id, id))
          .returning();
        return {
          result: meta_(row!),
          audit: {
            action: 'ocop_sheet.update',
            entityType: 'ocop_sheet',
            entityId: id,
            before: meta_(before),
            after: meta_(row!),
          },
        };
      },
    },
  );
}

export async function publishSheet(deps: Deps, actor: Actor, meta: RequestMeta, id: number, rowVersion: number) {
  return write(
    { deps, actor, meta },
    {
      ...onDraft(actor, id, rowVersion),
      apply: async (tx, before) => {
        requireDraft(before);
        parseDoc(before.document);
        const [row] = await tx
          .update(ocopSheets)
          .set({ status: 'published', publishedAt: meta.now, rowVersion: before.rowVersion + 1 })
          .where(and(eq(ocopSheets.id, id), eq(ocopSheets.status, 'draft')))
          .returning();
        return {
          result: meta_(row!),
          audit: {
            action: 'ocop_sheet.publish',
            entityType: 'ocop_sheet',
            entityId: id,
            before: meta_(before),
            after: meta_(row!),
          },
        };
      },
    },
  );
}
