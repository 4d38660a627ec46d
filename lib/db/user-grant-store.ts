// The token endpoint's two user grants each take two statements: one that consumes the code
// (or rotates the refresh token) atomically and reads the user and their Authorization with
// it, one that records what was issued. Each is gathered across concurrent requests into one
// statement (group commit, ./batch.ts) and run on the driver directly (Connection.sql): on
// PGlite a statement through Prisma costs ~1 ms of CPU (docs/benchmarks.md). A code or refresh
// token is consumed by an UPDATE … WHERE it is unused, so of two concurrent uses exactly one
// wins, even within one batch; the other finds it used, and the grant is revoked (RFC 6749
// §4.1.2; RFC 9700 §4.14.2; lib/oauth/grants).
import type { UserType } from "@/lib/policy/interactive";
import { Batcher } from "./batch";
import type { Connection } from "./client";
import type { GrantUser } from "./user-grants";

export interface ConsumedCode extends GrantUser {
  appId: string;
  redirectUri: string;
  codeChallenge: string;
  scope: string;
  nonce: string | null;
  authTime: Date;
  expiresUtc: Date;
}

export type ConsumeCodeResult = { kind: "consumed"; code: ConsumedCode } | { kind: "reused"; grantId: string | null } | { kind: "unknown" };

export interface IssuedUserTokens {
  grantId: string;
  /** The access token's jti and expiry. */
  jti: string;
  accessExpiresUtc: Date;
  /** A refresh token's digest and expiry, when one is issued. */
  refresh: { tokenHash: string; expiresUtc: Date } | null;
}

export interface NewGrant {
  id: string;
  appId: string;
  userId: string;
  scope: string;
  nonce: string | null;
  authTime: Date;
  now: Date;
}

export interface RotatedRefresh extends GrantUser {
  grantId: string;
  scope: string;
  nonce: string | null;
  authTime: Date;
  expiresUtc: Date;
  grantRevoked: boolean;
}

export type RotateRefreshResult = { kind: "rotated"; token: RotatedRefresh } | { kind: "reused"; grantId: string } | { kind: "unknown" };

interface UserColumns {
  UserId: string;
  Login: string;
  DisplayName: string;
  Type: UserType;
  IsActive: boolean;
  AuthorizedScope: string | null;
}

const grantUser = (row: UserColumns): GrantUser => ({
  userId: row.UserId,
  login: row.Login,
  displayName: row.DisplayName,
  type: row.Type,
  isActive: row.IsActive,
  authorizedScope: row.AuthorizedScope,
});

// The user and their Authorization for the app, joined to the consumed code or rotated token `x`.
const USER_JOIN = `JOIN "Sec_Users" u ON u."Id" = x."UserId"
  LEFT JOIN "Sec_Trusted_Application_Authorizations" a ON a."TrustedApplicationId" = x."TrustedApplicationId" AND a."UserId" = x."UserId"`;
const USER_COLUMNS = `x."UserId"::text AS "UserId", u."Login", u."DisplayName", u."Type"::text AS "Type", u."IsActive", a."Scope" AS "AuthorizedScope"`;

// v.i: which item of the batch a row answers. One code sent twice in one batch is updated once
// (UPDATE … FROM uses one matching row), and only the item whose row it was gets it.
const CONSUME_CODES = `WITH x AS (
    UPDATE "Id_Authorization_Codes" c SET "ConsumedUtc" = $1, "GrantId" = v.grant_id
    FROM unnest($2::text[], $3::uuid[], $4::int[]) AS v(code_hash, grant_id, i)
    WHERE c."CodeHash" = v.code_hash AND c."ConsumedUtc" IS NULL
    RETURNING c.*, v.i
  )
  SELECT x.i, x."TrustedApplicationId"::text AS "TrustedApplicationId", x."RedirectUri", x."CodeChallenge", x."Scope", x."Nonce",
         x."AuthTimeUtc", x."ExpiresUtc", ${USER_COLUMNS}
  FROM x ${USER_JOIN}`;

const USED_CODES = `SELECT "CodeHash", "GrantId"::text AS "GrantId" FROM "Id_Authorization_Codes" WHERE "CodeHash" = ANY($1::text[])`;

const RECORD_EXCHANGES = `WITH g AS (
    INSERT INTO "Id_Grants" ("Id", "TrustedApplicationId", "UserId", "Scope", "Nonce", "AuthTimeUtc", "CreatedUtc")
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[])
    ON CONFLICT ("Id") DO NOTHING
  ), r AS (
    INSERT INTO "Id_Refresh_Tokens" ("TokenHash", "GrantId", "CreatedUtc", "ExpiresUtc")
    SELECT * FROM unnest($8::text[], $9::uuid[], $10::timestamptz[], $11::timestamptz[])
  )
  INSERT INTO "Id_Grant_Access_Tokens" ("Jti", "GrantId", "ExpiresUtc") SELECT * FROM unnest($12::text[], $13::uuid[], $14::timestamptz[])`;

const ROTATE_REFRESH = `WITH x AS (
    UPDATE "Id_Refresh_Tokens" t SET "UsedUtc" = $1
    FROM unnest($2::text[], $3::uuid[], $4::int[]) AS v(token_hash, app_id, i), "Id_Grants" g
    WHERE t."TokenHash" = v.token_hash AND t."UsedUtc" IS NULL AND g."Id" = t."GrantId" AND g."TrustedApplicationId" = v.app_id
    RETURNING v.i, t."GrantId", t."ExpiresUtc", g."Scope", g."Nonce", g."AuthTimeUtc", g."RevokedUtc", g."UserId", g."TrustedApplicationId"
  )
  SELECT x.i, x."GrantId"::text AS "GrantId", x."ExpiresUtc", x."Scope", x."Nonce", x."AuthTimeUtc", x."RevokedUtc", ${USER_COLUMNS}
  FROM x ${USER_JOIN}`;

const USED_REFRESH = `SELECT t."TokenHash", t."GrantId"::text AS "GrantId"
  FROM unnest($1::text[], $2::uuid[]) AS v(token_hash, app_id)
  JOIN "Id_Refresh_Tokens" t ON t."TokenHash" = v.token_hash
  JOIN "Id_Grants" g ON g."Id" = t."GrantId" AND g."TrustedApplicationId" = v.app_id
  WHERE t."UsedUtc" IS NOT NULL`;

const RECORD_REFRESHES = `WITH r AS (
    INSERT INTO "Id_Refresh_Tokens" ("TokenHash", "GrantId", "CreatedUtc", "ExpiresUtc")
    SELECT * FROM unnest($1::text[], $2::uuid[], $3::timestamptz[], $4::timestamptz[])
  )
  INSERT INTO "Id_Grant_Access_Tokens" ("Jti", "GrantId", "ExpiresUtc") SELECT * FROM unnest($5::text[], $6::uuid[], $7::timestamptz[])`;

/** Column arrays for unnest(), one per field, from rows of items. */
function columns<T, K extends readonly ((item: T) => unknown)[]>(items: readonly T[], ...pick: K): unknown[][] {
  return pick.map((f) => items.map(f));
}

/**
 * The token endpoint's reads and writes of codes and refresh tokens, each gathered across
 * concurrent requests into one statement (Batcher): one per consumed batch of codes, one per
 * batch of recorded exchanges, and likewise for refreshes.
 */
export class UserGrantStore {
  private readonly consume: Batcher<{ codeHash: string; grantId: string }, ConsumeCodeResult>;
  private readonly exchanges: Batcher<{ grant: NewGrant; issued: IssuedUserTokens }, undefined>;
  private readonly rotate: Batcher<{ tokenHash: string; appId: string }, RotateRefreshResult>;
  private readonly refreshes: Batcher<{ grantId: string; issued: Omit<IssuedUserTokens, "grantId">; now: Date }, undefined>;

  constructor(connection: Connection) {
    const { sql } = connection;
    const options = { maxBatch: 256, maxInFlight: connection.kind === "embedded" ? 1 : 4 };

    this.consume = new Batcher(async (items) => {
      const rows = await sql.query<CodeRow>(CONSUME_CODES, [new Date(), items.map((i) => i.codeHash), items.map((i) => i.grantId), items.map((_, n) => n)]);
      const byItem = new Map(rows.map((r) => [Number(r.i), r]));
      const missing = items.filter((_, n) => !byItem.has(n)).map((i) => i.codeHash);
      const used = missing.length ? new Map((await sql.query<{ CodeHash: string; GrantId: string | null }>(USED_CODES, [missing])).map((r) => [r.CodeHash, r.GrantId])) : new Map<string, string | null>();
      return items.map((i, n): ConsumeCodeResult => {
        const row = byItem.get(n);
        if (row) {
          return {
            kind: "consumed",
            code: { appId: row.TrustedApplicationId, redirectUri: row.RedirectUri, codeChallenge: row.CodeChallenge, scope: row.Scope, nonce: row.Nonce, authTime: row.AuthTimeUtc, expiresUtc: row.ExpiresUtc, ...grantUser(row) },
          };
        }
        return used.has(i.codeHash) ? { kind: "reused", grantId: used.get(i.codeHash) ?? null } : { kind: "unknown" };
      });
    }, options);

    this.exchanges = new Batcher(async (items) => {
      const withRefresh = items.filter((i) => i.issued.refresh !== null);
      await sql.query(RECORD_EXCHANGES, [
        ...columns(items, (i) => i.grant.id, (i) => i.grant.appId, (i) => i.grant.userId, (i) => i.grant.scope, (i) => i.grant.nonce, (i) => i.grant.authTime, (i) => i.grant.now),
        ...columns(withRefresh, (i) => i.issued.refresh!.tokenHash, (i) => i.grant.id, (i) => i.grant.now, (i) => i.issued.refresh!.expiresUtc),
        ...columns(items, (i) => i.issued.jti, (i) => i.grant.id, (i) => i.issued.accessExpiresUtc),
      ]);
      return items.map(() => undefined);
    }, options);

    this.rotate = new Batcher(async (items) => {
      const rows = await sql.query<RefreshRow>(ROTATE_REFRESH, [new Date(), items.map((i) => i.tokenHash), items.map((i) => i.appId), items.map((_, n) => n)]);
      const byItem = new Map(rows.map((r) => [Number(r.i), r]));
      const missing = items.filter((_, n) => !byItem.has(n));
      const used = missing.length
        ? new Map((await sql.query<{ TokenHash: string; GrantId: string }>(USED_REFRESH, [missing.map((i) => i.tokenHash), missing.map((i) => i.appId)])).map((r) => [r.TokenHash, r.GrantId]))
        : new Map<string, string>();
      return items.map((i, n): RotateRefreshResult => {
        const row = byItem.get(n);
        if (row) {
          return {
            kind: "rotated",
            token: { grantId: row.GrantId, scope: row.Scope, nonce: row.Nonce, authTime: row.AuthTimeUtc, expiresUtc: row.ExpiresUtc, grantRevoked: row.RevokedUtc !== null, ...grantUser(row) },
          };
        }
        const grantId = used.get(i.tokenHash);
        return grantId ? { kind: "reused", grantId } : { kind: "unknown" };
      });
    }, options);

    this.refreshes = new Batcher(async (items) => {
      const withRefresh = items.filter((i) => i.issued.refresh !== null);
      await sql.query(RECORD_REFRESHES, [
        ...columns(withRefresh, (i) => i.issued.refresh!.tokenHash, (i) => i.grantId, (i) => i.now, (i) => i.issued.refresh!.expiresUtc),
        ...columns(items, (i) => i.issued.jti, (i) => i.grantId, (i) => i.issued.accessExpiresUtc),
      ]);
      return items.map(() => undefined);
    }, options);
  }

  /**
   * Marks the code used, naming the grant the exchange will create (`grantId`), and returns what
   * it was bound to with its user; or says that it had been used before (and by which grant), or
   * that there is no such code. Of two concurrent uses exactly one consumes it.
   */
  consumeCode(codeHash: string, grantId: string): Promise<ConsumeCodeResult> {
    return this.consume.submit({ codeHash, grantId });
  }

  /** Records a code exchange: the grant (unless a reuse already wrote it, revoked), its access token and refresh token. */
  recordCodeExchange(grant: NewGrant, issued: IssuedUserTokens): Promise<void> {
    return this.exchanges.submit({ grant, issued });
  }

  /**
   * Marks the refresh token used if it is unused and belongs to a grant of `appId`, returning the
   * grant and its user; or says it had been used before (a replay), or that there is no such
   * token for this app (another app's token is left as it is).
   */
  rotateRefresh(tokenHash: string, appId: string): Promise<RotateRefreshResult> {
    return this.rotate.submit({ tokenHash, appId });
  }

  /** Records a refresh: the new refresh token (if any) and access token of the grant. */
  recordRefresh(grantId: string, issued: Omit<IssuedUserTokens, "grantId">, now: Date): Promise<void> {
    return this.refreshes.submit({ grantId, issued, now });
  }
}

interface CodeRow extends UserColumns {
  i: number;
  TrustedApplicationId: string;
  RedirectUri: string;
  CodeChallenge: string;
  Scope: string;
  Nonce: string | null;
  AuthTimeUtc: Date;
  ExpiresUtc: Date;
}

interface RefreshRow extends UserColumns {
  i: number;
  GrantId: string;
  ExpiresUtc: Date;
  Scope: string;
  Nonce: string | null;
  AuthTimeUtc: Date;
  RevokedUtc: Date | null;
}

