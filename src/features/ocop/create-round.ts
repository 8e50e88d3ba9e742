/** Setting up an evaluation council: one chair, members who may score in the round's unit, a quorum. */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Actor, Deps, RequestMeta } from '../../context';
import { ocopRoundMembers, ocopRounds, roleGrants, unitScope, users } from '../../db/schema';
import { AppError, ruleViolation } from '../../lib/errors';
import { todayVn } from '../../shared/vi';
import { ROLE_ACTIONS } from '../../shared/roles';
import { write } from '../access/write-path';
import { regimeOn } from './sheets';

export type RoundInput = {
  unitId: number;
  level: 'district' | 'province' | 'central';
  name: string;
  year: number;
  quorum: number;
  spreadLimit?: number | undefined;
  members: { userId: number; role: 'chair' | 'member' }[];
};

const SCORING_ROLES = (Object.keys(ROLE_ACTIONS) as (keyof typeof ROLE_ACTIONS)[]).filter((r) =>
  ROLE_ACTIONS[r].includes('ocop.score'),
);

export async function createRound(deps: Deps, actor: Actor, meta: RequestMeta, input: RoundInput) {
  const chairs = input.members.filter((m) => m.role === 'chair');
  if (chairs.length !== 1) throw ruleViolation('ocop_one_chair', { chairs: chairs.length });
  const memberIds = [...new Set(input.members.map((m) => m.userId))];
  if (memberIds.length !== input.members.length)
    throw new AppError('VALIDATION_FAILED', { field: 'members', reason: 'duplicate' });
  if (input.quorum < 1 || input.quorum > memberIds.length)
    throw ruleViolation('ocop_quorum', { quorum: input.quorum, members: memberIds.length });
  const regime = regimeOn(todayVn(meta.now));
  if (input.level === 'district' && regime !== 'QD148_2023') throw ruleViolation('ocop_no_district_level', { regime });
  return write(
    { deps, actor, meta },
    {
      can: 'ocop.manage',
      load: async () => input,
      units: (i) => i.unitId,
      apply: async (tx) => {
        // every member must be able to score in the round's unit
        const eligible = await tx
          .selectDistinct({ id: roleGrants.userId })
          .from(roleGrants)
          .innerJoin(unitScope, and(eq(unitScope.ancestorId, roleGrants.unitId), eq(unitScope.descendantId, input.unitId)))
          .innerJoin(users, eq(users.id, roleGrants.userId))
          .where(
            and(
              inArray(roleGrants.userId, memberIds),
              inArray(roleGrants.role, SCORING_ROLES),
              isNull(roleGrants.revokedAt),
              eq(users.active, true),
            ),
          );
        const ok = new Set(eligible.map((r) => r.id));
        const refused = memberIds.filter((id) => !ok.has(id));
        if (refused.length) throw ruleViolation('ocop_member_not_eligible', { userIds: refused });
        const [row] = await tx
          .insert(ocopRounds)
          .values({
            unitId: input.unitId,
            level: input.level,
            regime,
            name: input.name,
            year: input.year,
            quorum: input.quorum,
            spreadLimit: input.spreadLimit ?? 10,
            createdAt: meta.now,
            createdBy: actor.userId,
          })
          .returning();
        await tx.insert(ocopRoundMembers).values(input.members.map((m) => ({ roundId: row!.id, ...m })));
        return {
          result: row!,
          audit: {
            action: 'ocop_round.create',
            entityType: 'ocop_round',
            entityId: row!.id,
            unitId: row!.unitId,
            after: { ...row!, createdAt: undefined, members: input.members },
          },
        };
      },
    },
  );
}
