// The token endpoint's user grants on the hot path: consuming codes, rotating refresh tokens,
// recording what was issued. Every operation of every concurrent request goes into one
// statement per batch (group commit, ./batch.ts), run on the driver directly (Connection.sql):
// a statement is a transaction, and on PGlite a commit, and Prisma's per-query overhead, cost
// far more than the rows (docs/benchmarks.md). A code exchange thus takes part in two
// statements (its code consumed in one, its grant recorded in the next, which also consumes
// the next batch's codes), and so does a refresh.
// A code or refresh token is consumed by an UPDATE … WHERE it is unused, so of two concurrent
// uses exactly one wins, even within one batch; the other finds it used, and the grant is
// revoked (RFC 6749 §4.1.2; RFC 9700 §4.14.2; lib/oauth/grants). Parameters travel as JSON
// (jsonb_to_recordset): cheaper to send than one array per column.
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

type Op =
  | { kind: "consume"; codeHash: string; grantId: string }
  | { kind: "rotate"; tokenHash: string; appId: string }
  | { kind: "exchange"; grant: NewGrant; issued: IssuedUserTokens }
  | { kind: "refresh"; grantId: string; issued: IssuedUserTokens; now: Date };

type OpResult = ConsumeCodeResult | RotateRefreshResult | undefined;

// One call per batch: tac_user_grant_batch (migration 20261203210000_interactive_sign_in), which
// records $1 new grants and $2 new refresh tokens, consumes $3 codes, rotates $4 refresh
// tokens, at $5, and answers each consuming or rotating operation by its index in the batch.
const STATEMENT = `SELECT * FROM "tac_user_grant_batch"($1::jsonb, $2::jsonb, $3::jsonb, $4::jsonb, $5::timestamptz)`;

// What the operations that found nothing to update had presented: a used code or refresh token
// (a replay) or nothing of ours. Rare, so asked only then.
const USED = `SELECT 'c' AS kind, "CodeHash" AS h, "GrantId"::text AS "GrantId" FROM "Id_Authorization_Codes" WHERE "CodeHash" = ANY($1::text[])
  UNION ALL
  SELECT 'r', t."TokenHash", t."GrantId"::text FROM jsonb_to_recordset($2::jsonb) AS v(h text, app uuid)
  JOIN "Id_Refresh_Tokens" t ON t."TokenHash" = v.h JOIN "Id_Grants" g ON g."Id" = t."GrantId" AND g."TrustedApplicationId" = v.app
  WHERE t."UsedUtc" IS NOT NULL`;

interface Row {
  i: number;
  TrustedApplicationId: string;
  UserId: string;
  RedirectUri: string | null;
  CodeChallenge: string | null;
  Scope: string;
  Nonce: string | null;
  AuthTimeUtc: Date;
  ExpiresUtc: Date;
  GrantId: string | null;
  RevokedUtc: Date | null;
  Login: string;
  DisplayName: string;
  Type: UserType;
  IsActive: boolean;
  AuthorizedScope: string | null;
}

const grantUser = (row: Row): GrantUser => ({
  userId: row.UserId,
  login: row.Login,
  displayName: row.DisplayName,
  type: row.Type,
  isActive: row.IsActive,
  authorizedScope: row.AuthorizedScope,
});

function toResult(op: Op, row: Row | undefined, used: ReadonlyMap<string, string | null>): OpResult {
  if (op.kind === "consume") {
    if (row) {
      const code = { appId: row.TrustedApplicationId, redirectUri: row.RedirectUri!, codeChallenge: row.CodeChallenge!, scope: row.Scope, nonce: row.Nonce, authTime: row.AuthTimeUtc, expiresUtc: row.ExpiresUtc };
      return { kind: "consumed", code: { ...code, ...grantUser(row) } };
    }
    return used.has(`c${op.codeHash}`) ? { kind: "reused", grantId: used.get(`c${op.codeHash}`) ?? null } : { kind: "unknown" };
  }
  if (op.kind === "rotate") {
    if (row) {
      const token = { grantId: row.GrantId!, scope: row.Scope, nonce: row.Nonce, authTime: row.AuthTimeUtc, expiresUtc: row.ExpiresUtc, grantRevoked: row.RevokedUtc !== null };
      return { kind: "rotated", token: { ...token, ...grantUser(row) } };
    }
    const grantId = used.get(`r${op.tokenHash}`);
    return grantId ? { kind: "reused", grantId } : { kind: "unknown" };
  }
  return undefined;
}

async function runBatch(connection: Connection, ops: Op[]): Promise<OpResult[]> {
  const grants: object[] = [];
  const refresh: object[] = [];
  const consume: object[] = [];
  const rotate: object[] = [];
  ops.forEach((op, i) => {
    if (op.kind === "consume") consume.push({ h: op.codeHash, g: op.grantId, i });
    else if (op.kind === "rotate") rotate.push({ h: op.tokenHash, app: op.appId, i });
    else {
      const grantId = op.kind === "exchange" ? op.grant.id : op.grantId;
      const now = op.kind === "exchange" ? op.grant.now : op.now;
      if (op.kind === "exchange") {
        const g = op.grant;
        grants.push({ id: g.id, app: g.appId, usr: g.userId, scope: g.scope, nonce: g.nonce, auth: g.authTime, now: g.now });
      }
      if (op.issued.refresh) refresh.push({ h: op.issued.refresh.tokenHash, g: grantId, now, exp: op.issued.refresh.expiresUtc });
    }
  });
  const rows = await connection.sql.query<Row>(STATEMENT, [JSON.stringify(grants), JSON.stringify(refresh), JSON.stringify(consume), JSON.stringify(rotate), new Date()]);
  const byOp = new Map(rows.map((r) => [Number(r.i), r]));
  const missingCodes: string[] = [];
  const missingTokens: { h: string; app: string }[] = [];
  ops.forEach((op, i) => {
    if (byOp.has(i)) return;
    if (op.kind === "consume") missingCodes.push(op.codeHash);
    else if (op.kind === "rotate") missingTokens.push({ h: op.tokenHash, app: op.appId });
  });
  const used = new Map<string, string | null>();
  if (missingCodes.length || missingTokens.length) {
    const found = await connection.sql.query<{ kind: string; h: string; GrantId: string | null }>(USED, [missingCodes, JSON.stringify(missingTokens)]);
    for (const f of found) used.set(`${f.kind}${f.h}`, f.GrantId);
  }
  return ops.map((op, i) => toResult(op, byOp.get(i), used));
}

/** The user grants' reads and writes of codes and refresh tokens, batched (one instance per OAuthServer). */
export class UserGrantStore {
  private readonly batcher: Batcher<Op, OpResult>;

  constructor(connection: Connection) {
    // PGlite runs one statement at a time anyway; PostgreSQL may run a few batches at once.
    this.batcher = new Batcher((ops) => runBatch(connection, ops), { maxBatch: 256, maxInFlight: connection.kind === "embedded" ? 1 : 4 });
  }

  /**
   * Marks the code used, naming the grant the exchange will create (`grantId`), and returns what
   * it was bound to with its user; or says that it had been used before (and by which grant), or
   * that there is no such code.
   */
  consumeCode(codeHash: string, grantId: string): Promise<ConsumeCodeResult> {
    return this.batcher.submit({ kind: "consume", codeHash, grantId }) as Promise<ConsumeCodeResult>;
  }

  /** Records a code exchange: its grant (unless a reuse already wrote it, revoked) and refresh token. */
  async recordCodeExchange(grant: NewGrant, issued: IssuedUserTokens): Promise<void> {
    await this.batcher.submit({ kind: "exchange", grant, issued });
  }

  /**
   * Marks the refresh token used if it is unused and belongs to a grant of `appId`, returning the
   * grant and its user; or says it had been used before (a replay), or that there is no such
   * token for this app (another app's token is left as it is).
   */
  rotateRefresh(tokenHash: string, appId: string): Promise<RotateRefreshResult> {
    return this.batcher.submit({ kind: "rotate", tokenHash, appId }) as Promise<RotateRefreshResult>;
  }

  /** Records a refresh: the grant's new refresh token, if any. */
  async recordRefresh(grantId: string, issued: IssuedUserTokens, now: Date): Promise<void> {
    await this.batcher.submit({ kind: "refresh", grantId, issued, now });
  }
}
