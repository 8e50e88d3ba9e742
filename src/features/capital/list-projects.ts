/**
 * The projects under a unit that the reader may see, each with what its dossier still lacks and
 * whether capital was ever allocated to it; `ready` keeps those the thematic session may allocate to.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Actor, Deps } from '../../context';
import { allocations, projects, readinessItems } from '../../db/schema';
import { searchKey, viCollator } from '../../shared/vi';
import { authorize, scopeFilter } from '../access/authorize';
import { underUnit } from './queries';
import { projectView } from './views';

export async function listProjects(
  deps: Deps,
  actor: Actor,
  { unitId, q, ready }: { unitId: number; q?: string | undefined; ready?: '1' | undefined },
) {
  const db = deps.db;
  await authorize(db, actor, 'capital.read', unitId);
  let rows = await db
    .select()
    .from(projects)
    .where(and(inArray(projects.unitId, underUnit(db, unitId)), scopeFilter(db, actor, 'capital.read', projects.unitId)));
  if (q) rows = rows.filter((p) => p.searchKey.includes(searchKey(q)));
  const ids = rows.map((p) => p.id);
  const open = ids.length
    ? await db
        .select()
        .from(readinessItems)
        .where(and(inArray(readinessItems.projectId, ids), eq(readinessItems.done, false)))
    : [];
  const allocated = ids.length
    ? new Set(
        (await db.select({ id: allocations.projectId }).from(allocations).where(inArray(allocations.projectId, ids))).map(
          (r) => r.id,
        ),
      )
    : new Set<number>();
  let items = rows.map((p) => ({
    ...projectView(p),
    dossierMissing: open.filter((o) => o.projectId === p.id).map((o) => o.label),
    hasAllocation: allocated.has(p.id),
  }));
  if (ready)
    items = items.filter(
      (p) => !p.dossierMissing.length && (p.status === 'readiness' || p.status === 'approved') && !p.hasAllocation,
    );
  return items.sort((a, b) => viCollator.compare(a.name, b.name));
}
