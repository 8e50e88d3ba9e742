/** The red-flag thresholds of a unit and everything under it: one settings row per unit, replaced whole. */
import type { Actor, Deps, RequestMeta } from '../../context';
import { settings } from '../../db/schema';
import type { RedFlagSettings } from '../../domain/capital/red-flags';
import { write } from '../access/write-path';

export async function setRedFlagSettings(deps: Deps, actor: Actor, meta: RequestMeta, unitId: number, value: RedFlagSettings) {
  await write(
    { deps, actor, meta },
    {
      can: 'capital.manage',
      load: async () => value,
      units: () => unitId,
      apply: async (tx) => {
        await tx
          .insert(settings)
          .values({ key: 'capital.redflags', unitId, value, updatedAt: meta.now })
          .onConflictDoUpdate({ target: [settings.key, settings.unitId], set: { value, updatedAt: meta.now } });
        return {
          result: undefined,
          audit: {
            action: 'capital_settings.update',
            entityType: 'settings',
            entityId: 'capital.redflags',
            unitId,
            after: value,
          },
        };
      },
    },
  );
}
