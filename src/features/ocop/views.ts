import type { z } from '@hono/zod-openapi';
import type { ocopCertificates, ocopRoundProducts, ocopRounds } from '../../db/schema';
import type { ProducerRow, ProductRow } from './access';
import type { Certificate, Producer, Product, Round, RoundProductState } from './schemas';

/** What of a subject the API shows: never its search key, linked account or who typed it in. */
export function producerView(p: Omit<ProducerRow, 'searchKey'>): z.input<typeof Producer> {
  return {
    id: p.id,
    unitId: p.unitId,
    name: p.name,
    kind: p.kind,
    registrationNo: p.registrationNo,
    taxCode: p.taxCode,
    address: p.address,
    contactName: p.contactName,
    phone: p.phone,
    email: p.email,
    womenLed: p.womenLed,
    ethnicMinorityLed: p.ethnicMinorityLed,
    registeredOn: p.registeredOn,
    isDemo: p.isDemo,
    version: p.version,
    createdAt: p.createdAt.toISOString(),
  };
}

/** What of a product the API shows: never its search key or who typed it in. */
export function productView(p: Omit<ProductRow, 'searchKey'>): z.input<typeof Product> {
  return {
    id: p.id,
    code: p.code,
    producerId: p.producerId,
    unitId: p.unitId,
    name: p.name,
    groupName: p.groupName,
    setNo: p.setNo,
    description: p.description,
    brandTags: p.brandTags,
    standards: p.standards,
    stage: p.stage,
    cycleYear: p.cycleYear,
    published: p.published,
    isDemo: p.isDemo,
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

export function certificateView(c: typeof ocopCertificates.$inferSelect): z.input<typeof Certificate> {
  return {
    id: c.id,
    productId: c.productId,
    number: c.number,
    decisionNo: c.decisionNo,
    decisionDate: c.decisionDate,
    issuedBy: c.issuedBy,
    star: c.star,
    validFrom: c.validFrom,
    validTo: c.validTo,
    previousId: c.previousId,
    roundId: c.roundId,
    revokedAt: c.revokedAt?.toISOString() ?? null,
    isDemo: c.isDemo,
    createdAt: c.createdAt.toISOString(),
  };
}

export function roundView(r: typeof ocopRounds.$inferSelect): z.input<typeof Round> {
  return {
    id: r.id,
    unitId: r.unitId,
    level: r.level,
    regime: r.regime,
    name: r.name,
    year: r.year,
    quorum: r.quorum,
    spreadLimit: r.spreadLimit,
    status: r.status,
    isDemo: r.isDemo,
    createdAt: r.createdAt.toISOString(),
  };
}

export function roundProductView(r: typeof ocopRoundProducts.$inferSelect): z.input<typeof RoundProductState> {
  return {
    roundId: r.roundId,
    productId: r.productId,
    sheetId: r.sheetId,
    status: r.status,
    rescoreCount: r.rescoreCount,
    rescoreAskedAt: r.rescoreAskedAt?.toISOString() ?? null,
    scoreX100: r.scoreX100,
    star: r.star,
    forwarded: r.forwarded,
    recognised: r.recognised,
    decidedAt: r.decidedAt?.toISOString() ?? null,
  };
}
