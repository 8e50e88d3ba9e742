import { eq } from 'drizzle-orm';
import type { Actor, Deps, RequestMeta } from '../../context';
import { roleGrants, users } from '../../db/schema';
import { AppError } from '../../lib/errors';
import type { Lang } from '../../lib/messages';
import type { Role } from '../../shared/roles';
import { searchKey } from '../../shared/vi';
import { authorize } from '../access/authorize';
import { auditSnapshot, writeAudit } from '../audit/write-audit';
import { hashPassword, PASSWORD_PROBLEM_TEXT, passwordProblems } from '../auth/passwords';
import { assertCanGrant } from './grant-rules';

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
  await authorize(deps.db, actor, 'user.manage', input.homeUnitId);
  for (const g of input.grants ?? []) await assertCanGrant(deps.db, actor, g.role, g.unitId);
  assertPasswordPolicy(input.password, input.username, lang);
  const passwordHash = await hashPassword(input.password);
  return deps.db.transaction(async (tx) => {
    const [clash] = await tx.select({ id: users.id }).from(users).where(eq(users.username, input.username));
    if (clash) throw new AppError('CONFLICT', { field: 'username' });
    const [user] = await tx
      .insert(users)
      .values({
        username: input.username,
        fullName: input.fullName,
        email: input.email ?? null,
        phone: input.phone ?? null,
        title: input.title ?? null,
        homeUnitId: input.homeUnitId,
        passwordHash,
        passwordChangedAt: meta.now,
        searchKey: searchKey(`${input.fullName} ${input.username} ${input.email ?? ''}`),
        createdAt: meta.now,
        updatedAt: meta.now,
      })
      .returning();
    const grants = input.grants?.length
      ? await tx
          .insert(roleGrants)
          .values(
            input.grants.map((g) => ({
              userId: user!.id,
              role: g.role,
              unitId: g.unitId,
              grantedAt: meta.now,
              grantedBy: actor.userId,
            })),
          )
          .returning()
      : [];
    await writeAudit(
      tx,
      { actor, meta },
      {
        action: 'user.create',
        entityType: 'user',
        entityId: user!.id,
        unitId: user!.homeUnitId,
        after: { ...auditSnapshot(user), grants: grants.map((g) => ({ id: g.id, role: g.role, unitId: g.unitId })) },
      },
    );
    return user!;
  });
}
