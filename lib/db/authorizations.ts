// Data access for the Authorizations child collection of Systems.Security.TrustedApplications
// (seed 003): a user's consent to an app's scopes. Written by the identity server's consent
// step (the user is the actor), listed on the app's page, revoked by an administrator; every
// change is audited. Revoking one also revokes the grants (refresh and access tokens) the
// user holds for the app, in the same transaction, so they stop working at once everywhere.
import { mergeConsent } from "@/lib/policy/interactive";
import { writeAuditEvent, type AuditActor } from "./audit";
import type { Db } from "./client";
import type { UserType } from "@/lib/policy/interactive";

export async function findAuthorizationScope(db: Db, appId: string, userId: string): Promise<string | null> {
  const row = await db.trustedApplicationAuthorization.findUnique({
    where: { TrustedApplicationId_UserId: { TrustedApplicationId: appId, UserId: userId } },
    select: { Scope: true },
  });
  return row?.Scope ?? null;
}

/**
 * The user allowed `scopes` for the app: their Authorization now holds these and whatever it
 * held before (mergeConsent). Audited with the user as the actor.
 */
export async function recordConsent(
  db: Db,
  input: { appId: string; applicationUri: string; user: { id: string; login: string }; scopes: readonly string[]; now?: Date },
): Promise<string> {
  return db.$transaction(async (tx) => {
    const key = { TrustedApplicationId: input.appId, UserId: input.user.id };
    const before = await tx.trustedApplicationAuthorization.findUnique({ where: { TrustedApplicationId_UserId: key }, select: { Scope: true } });
    const scope = mergeConsent(before?.Scope ?? null, input.scopes);
    const now = input.now ?? new Date();
    await tx.trustedApplicationAuthorization.upsert({
      where: { TrustedApplicationId_UserId: key },
      create: { ...key, Scope: scope, AuthorizationTimeUtc: now },
      update: { Scope: scope, AuthorizationTimeUtc: now },
    });
    if (before?.Scope !== scope) {
      await writeAuditEvent(tx, { id: input.user.id, login: input.user.login }, {
        action: "authorization.grant",
        targetType: "TrustedApplication",
        targetId: input.appId,
        targetLabel: input.applicationUri,
        diff: { [`Authorizations[${input.user.login}]`]: { from: before?.Scope ?? null, to: scope } },
      });
    }
    return scope;
  });
}

export interface AuthorizationRow {
  id: string;
  user: { id: string; login: string; displayName: string; type: UserType; isActive: boolean };
  scope: string;
  authorizationTimeUtc: Date;
}

/** An app's Authorizations, newest first. */
export async function listAppAuthorizations(db: Db, appId: string): Promise<AuthorizationRow[]> {
  const rows = await db.trustedApplicationAuthorization.findMany({
    where: { TrustedApplicationId: appId },
    orderBy: { AuthorizationTimeUtc: "desc" },
    select: { Id: true, Scope: true, AuthorizationTimeUtc: true, User: { select: { Id: true, Login: true, DisplayName: true, Type: true, IsActive: true } } },
  });
  return rows.map((r) => ({
    id: r.Id,
    user: { id: r.User.Id, login: r.User.Login, displayName: r.User.DisplayName, type: r.User.Type, isActive: r.User.IsActive },
    scope: r.Scope,
    authorizationTimeUtc: r.AuthorizationTimeUtc,
  }));
}

export class AuthorizationNotFound extends Error {}

/**
 * Revokes an Authorization (an administrator's decision): deletes it and revokes every grant
 * the user holds for the app, audited. Throws AuthorizationNotFound when it is already gone
 * (or belongs to another app).
 */
export async function revokeAuthorization(db: Db, actor: AuditActor, appId: string, authorizationId: string): Promise<{ login: string; revokedGrants: number }> {
  return db.$transaction(async (tx) => {
    const row = await tx.trustedApplicationAuthorization.findUnique({
      where: { Id: authorizationId },
      select: { TrustedApplicationId: true, UserId: true, Scope: true, User: { select: { Login: true } }, TrustedApplication: { select: { ApplicationUri: true } } },
    });
    if (!row || row.TrustedApplicationId !== appId) throw new AuthorizationNotFound();
    await tx.trustedApplicationAuthorization.delete({ where: { Id: authorizationId } });
    const { count } = await tx.oAuthGrant.updateMany({
      where: { TrustedApplicationId: appId, UserId: row.UserId, RevokedUtc: null },
      data: { RevokedUtc: new Date(), RevokedReason: "authorization_revoked" },
    });
    await writeAuditEvent(tx, actor, {
      action: "authorization.revoke",
      targetType: "TrustedApplication",
      targetId: appId,
      targetLabel: row.TrustedApplication.ApplicationUri,
      diff: { [`Authorizations[${row.User.Login}]`]: { from: row.Scope, to: null } },
    });
    return { login: row.User.Login, revokedGrants: count };
  });
}

export interface DisabledAppAuthorization {
  appId: string;
  applicationUri: string;
  login: string;
  userType: UserType;
  scope: string;
  authorizationTimeUtc: Date;
}

/** Users who still hold Authorizations for disabled apps (the review dashboard). */
export async function authorizationsOfDisabledApps(db: Db, take = 200): Promise<DisabledAppAuthorization[]> {
  const rows = await db.trustedApplicationAuthorization.findMany({
    where: { TrustedApplication: { IsEnabled: false } },
    orderBy: [{ TrustedApplication: { ApplicationUri: "asc" } }, { AuthorizationTimeUtc: "desc" }],
    take,
    select: { Scope: true, AuthorizationTimeUtc: true, User: { select: { Login: true, Type: true } }, TrustedApplication: { select: { Id: true, ApplicationUri: true } } },
  });
  return rows.map((r) => ({
    appId: r.TrustedApplication.Id,
    applicationUri: r.TrustedApplication.ApplicationUri,
    login: r.User.Login,
    userType: r.User.Type,
    scope: r.Scope,
    authorizationTimeUtc: r.AuthorizationTimeUtc,
  }));
}
