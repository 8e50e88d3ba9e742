/**
 * What the demo has published on the public portal: Quảng Ninh's verified figures up to October
 * 2026, Móng Cái's up to December 2022 (the communes before the merger), two projects; and two
 * pieces of citizens' feedback (one answered in public, one waiting for moderation).
 */
import { inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { feedback, projects, publications } from '../db/schema';

export async function loadPortalDemo(tx: Db, unitIds: Map<string, number>, userIds: Map<string, number>, now: Date) {
  const office = userIds.get('vpdp.quangninh')!;
  await tx.insert(publications).values([
    { kind: 'period', unitId: unitIds.get('QN')!, period: '2026-10-01', publishedAt: now, publishedBy: office },
    {
      kind: 'period',
      unitId: unitIds.get('MC')!,
      period: '2022-12-01',
      publishedAt: now,
      publishedBy: userIds.get('vpdp.mongcai')!,
    },
  ]);
  const shown = await tx
    .select({ id: projects.id, unitId: projects.unitId, code: projects.code, name: projects.name })
    .from(projects)
    .where(inArray(projects.code, ['MC-2022-01', 'QN-2026-02']));
  await tx
    .insert(publications)
    .values(
      shown.map((p) => ({ kind: 'project' as const, unitId: p.unitId, projectId: p.id, publishedAt: now, publishedBy: office })),
    );
  const road = shown.find((p) => p.code === 'MC-2022-01');
  const haiSon = unitIds.get('06724')!;
  if (road)
    await tx.insert(feedback).values({
      target: 'project',
      targetCode: road.code,
      targetTitle: road.name,
      unitId: road.unitId,
      category: 'question',
      text: 'Đoạn qua thôn Pò Hèn khi nào làm rãnh thoát nước hai bên đường? (demo)',
      status: 'published',
      answer: 'Rãnh thoát nước nằm trong hạng mục giai đoạn 2, dự kiến thi công quý III/2022. (demo)',
      answeredOn: '2022-06-15',
      moderatedBy: userIds.get('vpdp.mongcai')!,
      senderHash: 'demo',
      createdAt: new Date('2022-06-10T03:00:00Z'),
    });
  await tx.insert(feedback).values({
    target: 'unit',
    targetCode: String(haiSon),
    targetTitle: 'xã Hải Sơn',
    unitId: haiSon,
    category: 'suggestion',
    text: 'Đề nghị xã công bố lịch thu gom rác ở các thôn vùng cao. (demo)',
    contactName: 'Người dân (demo)',
    contact: 'nguoidan@example.invalid',
    senderHash: 'demo',
    createdAt: now,
  });
}
