// Data access for what interactive sign-in hands out: authorization codes (RFC 6749 §4.1),
// grants (the family one code exchange starts), refresh tokens (§6) and the access tokens a
// grant issued. Codes and refresh tokens are stored as SHA-256 only.
//
// The token endpoint's two user grants each take two statements: one that consumes the code
// (or rotates the refresh token) atomically and reads the user and their Authorization with
// it, one that records what was issued. A code or refresh token is consumed by an UPDATE …
// WHERE it is unused, so of two concurrent uses exactly one wins; the other finds it used and
// revokes the whole grant (RFC 6749 §4.1.2; RFC 9700 §4.14.2). A grant is revoked by setting
// RevokedUtc: every token it issued is then refused by introspection, UserInfo and refresh.
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

export interface ConsumedCode extends GrantUser {
  appId: string;
  redirectUri: string;
  codeChallenge: string;
  scope: string;
  nonce: string | null;
  authTime: Date;
  expiresUtc: Date;
}

interface CodeRow {
  TrustedApplicationId: string;
  UserId: string;
  RedirectUri: string;
  CodeChallenge: string;
  Scope: string;
  Nonce: string | null;
  AuthTimeUtc: Date;
  ExpiresUtc: Date;
  Login: string;
  DisplayName: string;
  Type: UserType;
  IsActive: boolean;
  AuthorizedScope: string | null;
}

export type ConsumeCodeResult = { kind: "consumed"; code: ConsumedCode } | { kind: "reused"; grantId: string | null } | { kind: "unknown" };

/**
 * Marks the code used, naming the grant the exchange will create (`grantId`), and returns what
 * it was bound to with its user; or says that it had been used before (and by which grant), or
 * that there is no such code.
 */
export async function consumeAuthorizationCode(db: Db, codeHash: string, grantId: string, now: Date): Promise<ConsumeCodeResult> {
  const rows = await db.$queryRaw<CodeRow[]>`
    WITH c AS (
      UPDATE "Id_Authorization_Codes" SET "ConsumedUtc" = ${now}, "GrantId" = ${grantId}::uuid
      WHERE "CodeHash" = ${codeHash} AND "ConsumedUtc" IS NULL
      RETURNING *
    )
    SELECT c."TrustedApplicationId"::text, c."UserId"::text, c."RedirectUri", c."CodeChallenge", c."Scope", c."Nonce",
           c."AuthTimeUtc", c."ExpiresUtc", u."Login", u."DisplayName", u."Type"::text, u."IsActive", a."Scope" AS "AuthorizedScope"
    FROM c JOIN "Sec_Users" u ON u."Id" = c."UserId"
    LEFT JOIN "Sec_Trusted_Application_Authorizations" a ON a."TrustedApplicationId" = c."TrustedApplicationId" AND a."UserId" = c."UserId"`;
  const row = rows[0];
  if (row) {
    return {
      kind: "consumed",
      code: {
        appId: row.TrustedApplicationId,
        redirectUri: row.RedirectUri,
        codeChallenge: row.CodeChallenge,
        scope: row.Scope,
        nonce: row.Nonce,
        authTime: row.AuthTimeUtc,
        expiresUtc: row.ExpiresUtc,
        userId: row.UserId,
        login: row.Login,
        displayName: row.DisplayName,
        type: row.Type,
        isActive: row.IsActive,
        authorizedScope: row.AuthorizedScope,
      },
    };
  }
  const used = await db.authorizationCode.findUnique({ where: { CodeHash: codeHash }, select: { GrantId: true } });
  return used ? { kind: "reused", grantId: used.GrantId } : { kind: "unknown" };
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

export interface IssuedUserTokens {
  grantId: string;
  /** The access token's jti and expiry. */
  jti: string;
  accessExpiresUtc: Date;
  /** A refresh token's digest and expiry, when one is issued. */
  refresh: { tokenHash: string; expiresUtc: Date } | null;
}

/** Records a code exchange: the grant (unless a reuse already wrote it, revoked), its access token and refresh token. */
export async function recordCodeExchange(
  db: Db,
  grant: { id: string; appId: string; userId: string; scope: string; nonce: string | null; authTime: Date; now: Date },
  issued: IssuedUserTokens,
): Promise<void> {
  const refreshHash = issued.refresh?.tokenHash ?? null;
  const refreshExpires = issued.refresh?.expiresUtc ?? null;
  await db.$executeRaw`
    WITH g AS (
      INSERT INTO "Id_Grants" ("Id", "TrustedApplicationId", "UserId", "Scope", "Nonce", "AuthTimeUtc", "CreatedUtc")
      VALUES (${grant.id}::uuid, ${grant.appId}::uuid, ${grant.userId}::uuid, ${grant.scope}, ${grant.nonce}, ${grant.authTime}, ${grant.now})
      ON CONFLICT ("Id") DO NOTHING
    ), r AS (
      INSERT INTO "Id_Refresh_Tokens" ("TokenHash", "GrantId", "CreatedUtc", "ExpiresUtc")
      SELECT ${refreshHash}, ${grant.id}::uuid, ${grant.now}, ${refreshExpires}::timestamptz WHERE ${refreshHash}::text IS NOT NULL
    )
    INSERT INTO "Id_Grant_Access_Tokens" ("Jti", "GrantId", "ExpiresUtc") VALUES (${issued.jti}, ${grant.id}::uuid, ${issued.accessExpiresUtc})`;
}

export interface RotatedRefresh extends GrantUser {
  grantId: string;
  scope: string;
  nonce: string | null;
  authTime: Date;
  expiresUtc: Date;
  grantRevoked: boolean;
}

interface RefreshRow {
  GrantId: string;
  ExpiresUtc: Date;
  Scope: string;
  Nonce: string | null;
  AuthTimeUtc: Date;
  RevokedUtc: Date | null;
  UserId: string;
  Login: string;
  DisplayName: string;
  Type: UserType;
  IsActive: boolean;
  AuthorizedScope: string | null;
}

export type RotateRefreshResult = { kind: "rotated"; token: RotatedRefresh } | { kind: "reused"; grantId: string } | { kind: "unknown" };

/**
 * Marks the refresh token used if it is unused and belongs to a grant of `appId`, returning the
 * grant and its user; or says it had been used before (a replay), or that there is no such
 * token for this app (another app's token is left as it is).
 */
export async function rotateRefreshToken(db: Db, tokenHash: string, appId: string, now: Date): Promise<RotateRefreshResult> {
  const rows = await db.$queryRaw<RefreshRow[]>`
    WITH r AS (
      UPDATE "Id_Refresh_Tokens" t SET "UsedUtc" = ${now}
      FROM "Id_Grants" g
      WHERE t."TokenHash" = ${tokenHash} AND t."UsedUtc" IS NULL AND g."Id" = t."GrantId" AND g."TrustedApplicationId" = ${appId}::uuid
      RETURNING t."GrantId", t."ExpiresUtc", g."Scope", g."Nonce", g."AuthTimeUtc", g."RevokedUtc", g."UserId", g."TrustedApplicationId"
    )
    SELECT r."GrantId"::text, r."ExpiresUtc", r."Scope", r."Nonce", r."AuthTimeUtc", r."RevokedUtc", r."UserId"::text,
           u."Login", u."DisplayName", u."Type"::text, u."IsActive", a."Scope" AS "AuthorizedScope"
    FROM r JOIN "Sec_Users" u ON u."Id" = r."UserId"
    LEFT JOIN "Sec_Trusted_Application_Authorizations" a ON a."TrustedApplicationId" = r."TrustedApplicationId" AND a."UserId" = r."UserId"`;
  const row = rows[0];
  if (row) {
    return {
      kind: "rotated",
      token: {
        grantId: row.GrantId,
        scope: row.Scope,
        nonce: row.Nonce,
        authTime: row.AuthTimeUtc,
        expiresUtc: row.ExpiresUtc,
        grantRevoked: row.RevokedUtc !== null,
        userId: row.UserId,
        login: row.Login,
        displayName: row.DisplayName,
        type: row.Type,
        isActive: row.IsActive,
        authorizedScope: row.AuthorizedScope,
      },
    };
  }
  const used = await db.$queryRaw<{ GrantId: string }[]>`
    SELECT t."GrantId"::text FROM "Id_Refresh_Tokens" t JOIN "Id_Grants" g ON g."Id" = t."GrantId"
    WHERE t."TokenHash" = ${tokenHash} AND t."UsedUtc" IS NOT NULL AND g."TrustedApplicationId" = ${appId}::uuid`;
  return used[0] ? { kind: "reused", grantId: used[0].GrantId } : { kind: "unknown" };
}

/** Records a refresh: the new refresh token (if any) and access token of the grant. */
export async function recordRefresh(db: Db, grantId: string, issued: Omit<IssuedUserTokens, "grantId">, now: Date): Promise<void> {
  const refreshHash = issued.refresh?.tokenHash ?? null;
  const refreshExpires = issued.refresh?.expiresUtc ?? null;
  await db.$executeRaw`
    WITH r AS (
      INSERT INTO "Id_Refresh_Tokens" ("TokenHash", "GrantId", "CreatedUtc", "ExpiresUtc")
      SELECT ${refreshHash}, ${grantId}::uuid, ${now}, ${refreshExpires}::timestamptz WHERE ${refreshHash}::text IS NOT NULL
    )
    INSERT INTO "Id_Grant_Access_Tokens" ("Jti", "GrantId", "ExpiresUtc") VALUES (${issued.jti}, ${grantId}::uuid, ${issued.accessExpiresUtc})`;
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

/** What introspection and UserInfo need about an access token a grant issued (by jti), or null for a token no grant issued. */
export async function userTokenState(db: Db, jti: string): Promise<UserTokenState | null> {
  const row = await db.grantAccessToken.findUnique({
    where: { Jti: jti },
    select: {
      Grant: {
        select: {
          Id: true,
          RevokedUtc: true,
          TrustedApplicationId: true,
          User: { select: { Id: true, Login: true, DisplayName: true, Type: true, IsActive: true, Authorizations: { select: { TrustedApplicationId: true, Scope: true } } } },
        },
      },
    },
  });
  if (!row) return null;
  const { Grant: g } = row;
  const authorization = g.User.Authorizations.find((a) => a.TrustedApplicationId === g.TrustedApplicationId);
  return {
    grantId: g.Id,
    revoked: g.RevokedUtc !== null,
    user: { id: g.User.Id, login: g.User.Login, displayName: g.User.DisplayName, type: g.User.Type, isActive: g.User.IsActive },
    authorizedScope: authorization?.Scope ?? null,
  };
}

/** Deletes what can no longer be used: codes, refresh tokens and access token records past their expiry, and grants left without any. */
export async function purgeExpiredUserGrants(db: Db, now = new Date()): Promise<number> {
  const [codes, refresh, access] = await db.$transaction([
    db.authorizationCode.deleteMany({ where: { ExpiresUtc: { lte: now } } }),
    db.refreshToken.deleteMany({ where: { ExpiresUtc: { lte: now } } }),
    db.grantAccessToken.deleteMany({ where: { ExpiresUtc: { lte: now } } }),
  ]);
  const grants = await db.oAuthGrant.deleteMany({ where: { RefreshTokens: { none: {} }, AccessTokens: { none: {} }, CreatedUtc: { lte: new Date(now.getTime() - 120_000) } } });
  return codes.count + refresh.count + access.count + grants.count;
}
