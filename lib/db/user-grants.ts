// Data access for what interactive sign-in hands out: authorization codes (RFC 6749 §4.1),
// grants (the family one code exchange starts), refresh tokens (§6) and the access tokens a
// grant issued. Codes and refresh tokens are stored as SHA-256 only.
//
// The token endpoint's hot path (consuming codes, rotating refresh tokens, recording what was
// issued) is in ./user-grant-store.ts. A grant is revoked by setting RevokedUtc: every token it
// issued is then refused by introspection, UserInfo and refresh.
import type { UserType } from "@/lib/policy/interactive";
import type { Db } from "./client";

export interface GrantUser {
  userId: string;
  login: string;
  displayName: string;
  type: UserType;
  isActive: boolean;
  /** The user's Authorization for the app (its Scope), null when there is none. */
  authorizedScope: string | null;
}

export interface NewAuthorizationCode {
  codeHash: string;
  appId: string;
  userId: string;
  redirectUri: string;
  codeChallenge: string;
  scope: string;
  nonce: string | null;
  authTime: Date;
  expiresUtc: Date;
}

export async function insertAuthorizationCode(db: Db, code: NewAuthorizationCode): Promise<void> {
  await db.authorizationCode.create({
    data: {
      CodeHash: code.codeHash,
      TrustedApplicationId: code.appId,
      UserId: code.userId,
      RedirectUri: code.redirectUri,
      CodeChallenge: code.codeChallenge,
      Scope: code.scope,
      Nonce: code.nonce,
      AuthTimeUtc: code.authTime,
      ExpiresUtc: code.expiresUtc,
    },
  });
}

/**
 * A reused code: revokes the grant its first exchange created. When that exchange is still
 * under way (its grant not written yet), the grant is written here already revoked, from the
 * code's row, and the first exchange's insert then leaves it so.
 */
export async function revokeGrantOfReusedCode(db: Db, codeHash: string, grantId: string, now: Date): Promise<void> {
  await db.$executeRaw`
    INSERT INTO "Id_Grants" ("Id", "TrustedApplicationId", "UserId", "Scope", "Nonce", "AuthTimeUtc", "CreatedUtc", "RevokedUtc", "RevokedReason")
    SELECT ${grantId}::uuid, "TrustedApplicationId", "UserId", "Scope", "Nonce", "AuthTimeUtc", ${now}, ${now}, 'code_reuse'
    FROM "Id_Authorization_Codes" WHERE "CodeHash" = ${codeHash}
    ON CONFLICT ("Id") DO UPDATE SET "RevokedUtc" = COALESCE("Id_Grants"."RevokedUtc", EXCLUDED."RevokedUtc"),
      "RevokedReason" = COALESCE("Id_Grants"."RevokedReason", EXCLUDED."RevokedReason")`;
}

export type GrantRevocationReason = "code_reuse" | "refresh_reuse" | "authorization_revoked" | "revocation_endpoint";

/** Revokes a grant: its refresh tokens and access tokens are refused from now on. */
export async function revokeGrant(db: Db, grantId: string, reason: GrantRevocationReason, now = new Date()): Promise<boolean> {
  const { count } = await db.oAuthGrant.updateMany({ where: { Id: grantId, RevokedUtc: null }, data: { RevokedUtc: now, RevokedReason: reason } });
  return count > 0;
}

export interface RefreshTokenInfo {
  grantId: string;
  /** Unused, unexpired, and its grant not revoked. */
  active: boolean;
  scope: string;
  createdUtc: Date;
  expiresUtc: Date;
  user: { id: string; login: string; isActive: boolean };
}

/** A refresh token of `appId` (RFC 7009 revocation, RFC 7662 introspection), or null when there is none for this app. */
export async function refreshTokenInfo(db: Db, tokenHash: string, appId: string, now = new Date()): Promise<RefreshTokenInfo | null> {
  const row = await db.refreshToken.findUnique({
    where: { TokenHash: tokenHash },
    select: {
      GrantId: true,
      CreatedUtc: true,
      ExpiresUtc: true,
      UsedUtc: true,
      Grant: { select: { TrustedApplicationId: true, RevokedUtc: true, Scope: true, User: { select: { Id: true, Login: true, IsActive: true } } } },
    },
  });
  if (!row || row.Grant.TrustedApplicationId !== appId) return null;
  return {
    grantId: row.GrantId,
    active: row.UsedUtc === null && row.ExpiresUtc > now && row.Grant.RevokedUtc === null,
    scope: row.Grant.Scope,
    createdUtc: row.CreatedUtc,
    expiresUtc: row.ExpiresUtc,
    user: { id: row.Grant.User.Id, login: row.Grant.User.Login, isActive: row.Grant.User.IsActive },
  };
}

export interface UserTokenState {
  grantId: string;
  revoked: boolean;
  user: { id: string; login: string; displayName: string; type: UserType; isActive: boolean };
  authorizedScope: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * What introspection and UserInfo need about a user's access token: the grant its jti names
 * ("<grant id>.<random>", lib/oauth/tokens/jwt.ts), or null for a token no grant issued (a
 * service token, or a grant that no longer exists).
 */
export async function userTokenState(db: Db, grantId: string | null): Promise<UserTokenState | null> {
  if (grantId === null || !UUID.test(grantId)) return null;
  const g = await db.oAuthGrant.findUnique({
    where: { Id: grantId },
    select: {
      Id: true,
      RevokedUtc: true,
      TrustedApplicationId: true,
      User: { select: { Id: true, Login: true, DisplayName: true, Type: true, IsActive: true, Authorizations: { select: { TrustedApplicationId: true, Scope: true } } } },
    },
  });
  if (!g) return null;
  const authorization = g.User.Authorizations.find((a) => a.TrustedApplicationId === g.TrustedApplicationId);
  return {
    grantId: g.Id,
    revoked: g.RevokedUtc !== null,
    user: { id: g.User.Id, login: g.User.Login, displayName: g.User.DisplayName, type: g.User.Type, isActive: g.User.IsActive },
    authorizedScope: authorization?.Scope ?? null,
  };
}

/** Longest access token lifetime (ACCESS_TOKEN_LIFETIME_SECONDS at most one day), with a margin. */
const ACCESS_TOKEN_HORIZON_MS = 25 * 3_600_000;

/**
 * Deletes what can no longer be used: codes and refresh tokens past their expiry, and grants
 * left without refresh tokens once no access token they issued can still be valid.
 */
export async function purgeExpiredUserGrants(db: Db, now = new Date()): Promise<number> {
  const [codes, refresh] = await db.$transaction([
    db.authorizationCode.deleteMany({ where: { ExpiresUtc: { lte: now } } }),
    db.refreshToken.deleteMany({ where: { ExpiresUtc: { lte: now } } }),
  ]);
  const grants = await db.oAuthGrant.deleteMany({ where: { RefreshTokens: { none: {} }, CreatedUtc: { lte: new Date(now.getTime() - ACCESS_TOKEN_HORIZON_MS) } } });
  return codes.count + refresh.count + grants.count;
}
