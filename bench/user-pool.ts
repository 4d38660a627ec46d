// Pools of single-use credentials for our server's user-grant benchmarks (bench/user-grants.ts),
// written straight into the benchmark's database, as the authorization endpoint and the code
// exchange would have written them after a user signed in and consented: codes (stored
// hashed, bound to the client, the redirect URI and an S256 challenge, 60 s) and refresh
// tokens (one grant each, so that nothing is shared between pool items).
// Written before the server starts (PGlite admits one process at a time): codes expire 60 s
// after they are written, so the code exchange is measured first, right after the start.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { Connection } from "../lib/db/client";
import type { CodeItem, Pool } from "./user-grants";

export const WEB_CLIENT_ID = "com.example/internal-dashboard";
export const WEB_REDIRECT_URI = "https://dashboard.example.com/signin-oidc";
const USER_LOGIN = "jdoe";
const SCOPE = "openid offline_access read";
const CHUNK = 1000;

const digest = (token: string) => createHash("sha256").update(token).digest("hex");
const token = () => randomBytes(32).toString("base64url");

/** Writes `codes` codes and `refresh` refresh tokens; returns the pools (plain values only here, in the benchmark's memory). */
export async function writeUserPools(connection: Connection, counts: { codes: number; refresh: number }): Promise<{ code: Pool & { kind: "code" }; refresh: Pool & { kind: "refresh" } }> {
  const { db } = connection;
  const [app, user] = await Promise.all([
    db.trustedApplication.findUniqueOrThrow({ where: { ApplicationUri: WEB_CLIENT_ID }, select: { Id: true } }),
    db.user.findUniqueOrThrow({ where: { Login: USER_LOGIN }, select: { Id: true } }),
  ]);
  // The user's consent, as the consent page would have recorded it.
  await db.trustedApplicationAuthorization.upsert({
    where: { TrustedApplicationId_UserId: { TrustedApplicationId: app.Id, UserId: user.Id } },
    create: { TrustedApplicationId: app.Id, UserId: user.Id, Scope: SCOPE },
    update: { Scope: SCOPE },
  });
  const now = new Date();
  const codeExpires = new Date(now.getTime() + 60_000);
  const refreshExpires = new Date(now.getTime() + 30 * 86_400_000);

  const codes: CodeItem[] = [];
  for (let i = 0; i < counts.codes; i += CHUNK) {
    const rows: string[] = [];
    const params: unknown[] = [];
    for (let j = i; j < Math.min(counts.codes, i + CHUNK); j++) {
      const code = token();
      const verifier = token();
      codes.push({ code, verifier });
      const p = params.length;
      rows.push(`($${p + 1}, $${p + 2}::uuid, $${p + 3}::uuid, $${p + 4}, $${p + 5}, $${p + 6}, $${p + 7}, $${p + 8}::timestamptz, $${p + 9}::timestamptz)`);
      params.push(digest(code), app.Id, user.Id, WEB_REDIRECT_URI, createHash("sha256").update(verifier).digest("base64url"), SCOPE, "bench-nonce", now, codeExpires);
    }
    await db.$executeRawUnsafe(
      `INSERT INTO "Id_Authorization_Codes" ("CodeHash", "TrustedApplicationId", "UserId", "RedirectUri", "CodeChallenge", "Scope", "Nonce", "AuthTimeUtc", "ExpiresUtc") VALUES ${rows.join(", ")}`,
      ...params,
    );
  }

  const refresh: string[] = [];
  for (let i = 0; i < counts.refresh; i += CHUNK) {
    const grants: string[] = [];
    const tokens: string[] = [];
    const grantParams: unknown[] = [];
    const tokenParams: unknown[] = [];
    for (let j = i; j < Math.min(counts.refresh, i + CHUNK); j++) {
      const value = token();
      const grantId = randomUUID();
      refresh.push(value);
      const g = grantParams.length;
      grants.push(`($${g + 1}::uuid, $${g + 2}::uuid, $${g + 3}::uuid, $${g + 4}, $${g + 5}::timestamptz)`);
      grantParams.push(grantId, app.Id, user.Id, SCOPE, now);
      const t = tokenParams.length;
      tokens.push(`($${t + 1}, $${t + 2}::uuid, $${t + 3}::timestamptz)`);
      tokenParams.push(digest(value), grantId, refreshExpires);
    }
    await db.$executeRawUnsafe(`INSERT INTO "Id_Grants" ("Id", "TrustedApplicationId", "UserId", "Scope", "AuthTimeUtc") VALUES ${grants.join(", ")}`, ...grantParams);
    await db.$executeRawUnsafe(`INSERT INTO "Id_Refresh_Tokens" ("TokenHash", "GrantId", "ExpiresUtc") VALUES ${tokens.join(", ")}`, ...tokenParams);
  }
  return { code: { kind: "code", items: codes }, refresh: { kind: "refresh", items: refresh } };
}
