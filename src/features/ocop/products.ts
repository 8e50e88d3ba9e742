/**
 * Producers (chủ thể) and their products, and the moves of a product through the six-step cycle.
 * Every change is audited in its own transaction; edits carry the version they were made against.
 */
import { randomInt } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Actor, Deps, RequestMeta } from '../../context';
import type { Db } from '../../db/client';
import { ocopProducers, ocopProductPhotos, ocopProducts, ocopTransitions, users, type OcopStage } from '../../db/schema';
import { checkTransition, DOCUMENTS, TRANSITIONS, type Stage } from '../../domain/ocop/cycle';
import { AppError, ruleViolation, versionConflict } from '../../lib/errors';
import { write, type AuditEvent } from '../access/write-path';
import { searchKey } from '../../shared/vi';
import { grantUnitsFor } from '../access/authorize';
import { auditSnapshot } from '../../lib/audit-chain';
import { keepUpload, recordFile } from '../files/store-upload';
import { cycleActor, onProducer, onProduct, ownProducerId, productFor } from './access';
import { noticeOfMove } from './cycle-notices';
import { productSet } from './sheets';

export type ProducerInput = {
  unitId: number;
  name: string;
  kind: 'enterprise' | 'cooperative' | 'coop_group' | 'household';
  registrationNo?: string | null | undefined;
  taxCode?: string | null | undefined;
  registeredOn?: string | null | undefined;
  address?: string | null | undefined;
  contactName?: string | null | undefined;
  phone?: string | null | undefined;
  email?: string | null | undefined;
  womenLed?: boolean | undefined;
  ethnicMinorityLed?: boolean | undefined;
};

const producerKey = (p: { name: string; registrationNo?: string | null | undefined; taxCode?: string | null | undefined }) =>
  searchKey(`${p.name} ${p.registrationNo ?? ''} ${p.taxCode ?? ''}`);

/**
 * Registers a subject. Officials register any subject in their units; a producer account registers
 * its own subject once, in the commune it was granted on, and is linked to it.
 */
export async function createProducer(deps: Deps, actor: Actor, meta: RequestMeta, input: ProducerInput) {
  const selfService = !grantUnitsFor(actor, 'ocop.intake').length && grantUnitsFor(actor, 'ocop.own').length > 0;
  return write(
    { deps, actor, meta },
    {
      can: selfService ? 'ocop.own' : 'ocop.intake',
      load: async () => input,
      units: (i) => i.unitId,
      // A producer account registers one subject: its own row serialises parallel registrations.
      lock: async (tx, i) => {
        if (selfService) await tx.select({ id: users.id }).from(users).where(eq(users.id, actor.userId)).for('update');
        return i;
      },
      apply: async (tx) => {
        if (selfService && (await ownProducerId(tx, actor)) !== null) throw ruleViolation('producer_already_registered');
        if (input.taxCode) {
          const [clash] = await tx
            .select({ id: ocopProducers.id })
            .from(ocopProducers)
            .where(eq(ocopProducers.taxCode, input.taxCode));
          if (clash) throw new AppError('CONFLICT', { field: 'taxCode' });
        }
        const [row] = await tx
          .insert(ocopProducers)
          .values({
            unitId: input.unitId,
            name: input.name,
            kind: input.kind,
            registrationNo: input.registrationNo ?? null,
            taxCode: input.taxCode ?? null,
            registeredOn: input.registeredOn ?? null,
            address: input.address ?? null,
            contactName: input.contactName ?? null,
            phone: input.phone ?? null,
            email: input.email ?? null,
            womenLed: input.womenLed ?? false,
            ethnicMinorityLed: input.ethnicMinorityLed ?? false,
            searchKey: producerKey(input),
            createdAt: meta.now,
            createdBy: actor.userId,
            accountUserId: selfService ? actor.userId : null,
          })
          .returning();
        if (selfService) await tx.update(users).set({ producerId: row!.id }).where(eq(users.id, actor.userId));
        return {
          result: row!,
          audit: {
            action: 'ocop_producer.create',
            entityType: 'ocop_producer',
            entityId: row!.id,
            unitId: row!.unitId,
            after: auditSnapshot(row),
          },
        };
      },
    },
  );
}

export async function updateProducer(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  id: number,
  input: Partial<Omit<ProducerInput, 'unitId'>> & { version: number },
) {
  const { version, ...changes } = input;
  return write(
    { deps, actor, meta },
    {
      ...onProducer(actor, id),
      version: { sent: version, stored: (x) => x.producer.version },
      apply: async (tx, { producer: before }) => {
        const next = { ...before, ...changes };
        const [row] = await tx
          .update(ocopProducers)
          .set({ ...changes, searchKey: producerKey(next), version: before.version + 1 })
          .where(eq(ocopProducers.id, id))
          .returning();
        return {
          result: row!,
          audit: {
            action: 'ocop_producer.update',
            entityType: 'ocop_producer',
            entityId: id,
            unitId: row!.unitId,
            before: auditSnapshot(before),
            after: auditSnapshot(row),
          },
        };
      },
    },
  );
}

export type Standard = { kind: string; number: string | null; issuedBy: string | null; expiresOn: string | null };
export type ProductInput = {
  producerId: number;
  name: string;
  setNo: number;
  cycleYear: number;
  description?: string | null | undefined;
  brandTags?: string[] | undefined;
  standards?: Standard[] | undefined;
};

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** A short public code for the product's page and QR (unguessable, so unpublished pages are not found by counting). */
export function newProductCode(): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `SP-${s}`;
}

export async function createProduct(deps: Deps, actor: Actor, meta: RequestMeta, input: ProductInput) {
  const set = productSet(input.setNo);
  return write(
    { deps, actor, meta },
    {
      ...onProducer(actor, input.producerId),
      apply: async (tx, { producer, capacity }) => {
        const [row] = await tx
          .insert(ocopProducts)
          .values({
            code: newProductCode(),
            producerId: producer.id,
            unitId: producer.unitId,
            name: input.name,
            groupName: set.group,
            setNo: set.no,
            description: input.description ?? null,
            brandTags: input.brandTags ?? [],
            standards: input.standards ?? [],
            stage: 'awareness',
            cycleYear: input.cycleYear,
            searchKey: searchKey(`${input.name} ${producer.name}`),
            createdAt: meta.now,
            createdBy: actor.userId,
            updatedAt: meta.now,
          })
          .returning();
        return {
          result: row!,
          audit: {
            action: 'ocop_product.create',
            entityType: 'ocop_product',
            entityId: row!.id,
            unitId: row!.unitId,
            after: { ...auditSnapshot(row), by: capacity },
          },
        };
      },
    },
  );
}

export async function updateProduct(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  id: number,
  input: Partial<Omit<ProductInput, 'producerId'>> & { version: number; published?: boolean | undefined },
) {
  const { version, published, setNo, ...changes } = input;
  const set = setNo !== undefined ? productSet(setNo) : null;
  return write(
    { deps, actor, meta },
    {
      ...onProduct(actor, id),
      version: { sent: version, stored: (x) => x.product.version },
      apply: async (tx, { product: before, capacity }) => {
        if (published !== undefined && published !== before.published && capacity !== 'office')
          throw new AppError('FORBIDDEN', { field: 'published' });
        const [producer] = await tx.select().from(ocopProducers).where(eq(ocopProducers.id, before.producerId));
        const [row] = await tx
          .update(ocopProducts)
          .set({
            ...changes,
            ...(set ? { setNo: set.no, groupName: set.group } : {}),
            ...(published !== undefined ? { published } : {}),
            searchKey: searchKey(`${changes.name ?? before.name} ${producer!.name}`),
            version: before.version + 1,
            updatedAt: meta.now,
          })
          .where(eq(ocopProducts.id, id))
          .returning();
        return {
          result: row!,
          audit: {
            action: 'ocop_product.update',
            entityType: 'ocop_product',
            entityId: id,
            unitId: row!.unitId,
            before: auditSnapshot(before),
            after: auditSnapshot(row),
          },
        };
      },
    },
  );
}

/**
 * Writes a stage change with its record; the caller has checked the rule, holds the transaction and
 * records the change in its audit event (`movedEvent` for a move of its own).
 */
export async function moveProduct(
  tx: Db,
  who: { actor: Actor | null; meta: RequestMeta },
  product: { id: number; unitId: number; stage: OcopStage; version: number },
  step: { action: string; to: Stage; documents?: string[]; note?: string | null },
) {
  const [row] = await tx
    .update(ocopProducts)
    .set({ stage: step.to, version: product.version + 1, updatedAt: who.meta.now })
    .where(and(eq(ocopProducts.id, product.id), eq(ocopProducts.version, product.version)))
    .returning();
  if (!row) throw versionConflict(product.version);
  await tx.insert(ocopTransitions).values({
    productId: product.id,
    action: step.action,
    fromStage: product.stage,
    toStage: step.to,
    documents: step.documents ?? [],
    note: step.note ?? null,
    at: who.meta.now,
    by: who.actor?.userId ?? null,
  });
  return row;
}

const movedEvent = (
  product: { id: number; unitId: number; stage: OcopStage },
  step: { action: string; to: Stage; documents?: string[]; note?: string | null },
): AuditEvent => ({
  action: 'ocop_product.move',
  entityType: 'ocop_product',
  entityId: product.id,
  unitId: product.unitId,
  before: { stage: product.stage },
  after: { step: step.action, stage: step.to, documents: step.documents ?? [], note: step.note ?? null },
});

const PROBLEM_RULE = {
  unknown_action: 'ocop_unknown_action',
  not_from_this_stage: 'ocop_transition_not_allowed',
  not_allowed_for_actor: 'ocop_transition_not_yours',
  documents_missing: 'ocop_documents_missing',
  note_required: 'ocop_note_required',
} as const;

export async function transitionProduct(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  id: number,
  input: { action: string; documents: string[]; note?: string | null | undefined; version: number },
) {
  return write(
    { deps, actor, meta },
    {
      ...onProduct(actor, id),
      version: { sent: input.version, stored: (x) => x.product.version },
      apply: async (tx, { product, capacity }) => {
        const who = cycleActor(capacity);
        if (!who) throw new AppError('FORBIDDEN');
        const check = checkTransition(product.stage, input.action, who, input.documents, input.note);
        if (!check.ok) {
          const t = TRANSITIONS.find((x) => x.action === input.action);
          throw ruleViolation(PROBLEM_RULE[check.problem], {
            stage: product.stage,
            action: input.action,
            ...(check.missing ? { missing: check.missing.map((code) => ({ code, ...DOCUMENTS[code] })) } : {}),
            ...(t ? { allowedFrom: t.from, allowedFor: t.by } : {}),
          });
        }
        const step = { action: input.action, to: check.to, documents: input.documents, note: input.note ?? null };
        const moved = await moveProduct(tx, { actor, meta }, product, step);
        await noticeOfMove(tx, moved, step, {
          userId: actor.userId,
          version: moved.version,
          now: meta.now,
          publicUrl: deps.config.publicUrl,
        });
        return { result: moved, audit: movedEvent(product, step) };
      },
    },
  );
}

export async function addProductPhoto(
  deps: Deps,
  actor: Actor,
  meta: RequestMeta,
  id: number,
  input: { name: string; bytes: Uint8Array; caption?: string | null | undefined },
) {
  await productFor(deps.db, actor, id, 'act');
  const kept = await keepUpload(deps, { name: input.name, bytes: input.bytes });
  if (!kept.mime.startsWith('image/')) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { allowed: ['png', 'jpg', 'gif', 'webp'] });
  return write(
    { deps, actor, meta },
    {
      ...onProduct(actor, id),
      apply: async (tx, { product }) => {
        const stored = await recordFile(tx, kept, meta.now);
        const [row] = await tx
          .insert(ocopProductPhotos)
          .values({ productId: id, fileId: stored.fileId, caption: input.caption ?? null, addedAt: meta.now })
          .returning();
        return {
          result: row!,
          audit: {
            action: 'ocop_product.add_photo',
            entityType: 'ocop_product',
            entityId: id,
            unitId: product.unitId,
            after: { photoId: row!.id, name: stored.name, sha256: stored.sha256 },
          },
        };
      },
    },
  );
}
