import { eq } from 'drizzle-orm';
import type { Actor, Deps, RequestMeta } from '../../context';
import { roleGrants, users } from '../../db/schema';
import { AppError } from '../../lib/errors';
import type { Lang } from '../../lib/messages';
import type { Role } from '../../shared/roles';
import { searchKey } from '../../shared/vi';
import { authorize } from '../access/authorize';
import { auditSnapshot } from '../../lib/audit-chain';
import { write } from '../access/write-path';
import { hashPassword, PASSWORD_PROBLEM_TEXT, passwordProblems } from '../auth/passwords';
import { assertCanGrant, assertSeparation } from './authority';

export type CreateUserInput = {
  username: string;
  fullName: string;
  email?: string | null | undefined;
  phone?: string | null | undefined;
  title?: string | null | undefined;
  homeUnitId: number;
  password: string;
  grants?: { role: Role; unitId: number }[] | undefined;
};

export function assertPasswordPolicy(password: string, username: string, lang: Lang, path = 'password') {
  const problems = passwordProblems(password, username);
  if (problems.length) {
    throw new AppError(
      'VALIDATION_FAILED',
      problems.map((p) => ({ path, code: p, message: PASSWORD_PROBLEM_TEXT[p]![lang] })),
    );
  }
}

export async function createUser(deps: Deps, actor: Actor, meta: RequestMeta, input: CreateUserInput, lang: Lang) {
  const grants = input.grants ?? [];
  assertPasswordPolicy(input.password, input.username, lang);
  return write(
    { deps, actor, meta },
    {
      can: async (db) => {
        await authorize(db, actor, 'user.manage', input.homeUnitId);
        for (const g of grants) await assertCanGrant(db, actor, g.role, g.unitId);
        assertSeparation([], grants);
      },
      load: async () => ({ ...input, passwordHash: await hashPassword(input.password) }),
      units: (u) => [u.homeUnitId, ...grants.map((g) => g.unitId)],
      apply: async (tx, u) => {
        const [clash] = await tx.select({ id: users.id }).from(users).where(eq(users.username, u.username));
        if (clash) throw new AppError('CONFLICT', { field: 'username' });
        const [user] = await tx
          .insert(users)
          .values({
            username: u.username,
            fullName: u.fullName,
            email: u.email ?? null,
            phone: u.phone ?? null,
            title: u.title ?? null,
            homeUnitId: u.homeUnitId,
            passwordHash: u.passwordHash,
            passwordChangedAt: meta.now,
            searchKey: searchKey(`${u.fullName} ${u.username} ${u.email ?? ''}`),
            createdAt: meta.now,
            updatedAt: meta.now,
          })
          .returning();
        const added = grants.length
          ? await tx
              .insert(roleGrants)
              .values(
                grants.map((g) => ({
                  userId: user!.id,
                  role: g.role,
                  unitId: g.unitId,
                  grantedAt: meta.now,
                  grantedBy: actor.userId,
                })),
              )
              .returning()
          : [];
        return {
          result: user!,
          audit: {
            action: 'user.create',
            entityType: 'user',
            entityId: user!.id,
            unitId: user!.homeUnitId,
            after: { ...auditSnapshot(user), grants: added.map((g) => ({ id: g.id, role: g.role, unitId: g.unitId })) },
          },
        };
      },
    },
  );
}
