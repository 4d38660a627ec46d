// Data access for the token endpoint: a client's configuration *with* its secret hashes
// (the only place that asks Prisma for them), and revoked access tokens (RFC 7009).
// Callers: lib/oauth/clients/client-registry.ts (cached) and the introspection/revocation endpoints.
import type { PolicyApp } from "@/lib/policy/types";
import type { Db } from "./client";
import { toPolicyApp } from "./apps";

/** What the token endpoint needs to authenticate a client and ask the policy about it. */
export interface OAuthClientRecord {
  id: string;
  app: PolicyApp;
  /** SHA-256 hex of the current secret; null when none is set. */
  secretHash: string | null;
  /** The previous secret stays valid until previousSecretExpiresUtc (zero-downtime rotation). */
  previousSecretHash: string | null;
  previousSecretExpiresUtc: Date | null;
}

const SYSTEM_USER_SELECT = { Id: true, Login: true, DisplayName: true, IsActive: true, IsAdministrator: true } as const;

/** The client registered as `clientId` (its ApplicationUri), or null. One query. */
export async function findOAuthClient(db: Db, clientId: string): Promise<OAuthClientRecord | null> {
  const row = await db.trustedApplication.findUnique({
    where: { ApplicationUri: clientId },
    include: { SystemUser: { select: SYSTEM_USER_SELECT } },
    omit: { ApplicationSecretHash: false, PreviousSecretHash: false },
  });
  if (!row) return null;
  const { ApplicationSecretHash, PreviousSecretHash, ...rest } = row;
  return {
    id: row.Id,
    app: toPolicyApp({ ...rest, HasApplicationSecret: ApplicationSecretHash !== null }),
    secretHash: ApplicationSecretHash,
    previousSecretHash: PreviousSecretHash,
    previousSecretExpiresUtc: row.PreviousSecretExpiresUtc,
  };
}

// ---------------------------------------------------------------------------
// Revoked access tokens (RFC 7009 §2.1). JWTs are self-contained, so revocation is a
// deny-list by jti that introspection consults; a row is useless once the token expires.

export async function revokeAccessToken(
  db: Db,
  token: { jti: string; clientId: string; expiresUtc: Date },
): Promise<void> {
  await db.revokedToken.upsert({
    where: { Jti: token.jti },
    create: { Jti: token.jti, ClientId: token.clientId, ExpiresUtc: token.expiresUtc },
    update: {},
  });
}

export async function isAccessTokenRevoked(db: Db, jti: string): Promise<boolean> {
  const row = await db.revokedToken.findUnique({ where: { Jti: jti }, select: { Jti: true } });
  return row !== null;
}

/** Deletes deny-list rows of tokens that have expired anyway; returns how many. */
export async function purgeExpiredRevocations(db: Db, now: Date = new Date()): Promise<number> {
  const { count } = await db.revokedToken.deleteMany({ where: { ExpiresUtc: { lte: now } } });
  return count;
}
