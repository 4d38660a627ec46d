// Data access for console sessions (Console_Sessions). The session cookie carries a random
// id; the table holds only its SHA-256, so a copy of the table opens no session. A session is
// valid while it is neither revoked nor past its absolute ExpiresUtc, and its user is still
// active with a console role: checked on every request (lib/auth/options.ts, jwt callback).
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "./client";
import type { Prisma } from "./generated/client";

export type SessionEndReason = "signout" | "password" | "role" | "deactivated" | "everywhere";

type Tx = Prisma.TransactionClient | Db;

export function sessionTokenHash(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

const SESSION_USER_SELECT = {
  Id: true,
  Login: true,
  DisplayName: true,
  ConsoleRole: true,
  IsActive: true,
  MustChangePassword: true,
} as const satisfies Prisma.UserSelect;

export type SessionHolder = Prisma.UserGetPayload<{ select: typeof SESSION_USER_SELECT }>;

/** Opens a session for `userId`; returns the token for the cookie (never stored). */
export async function createSession(
  db: Db,
  userId: string,
  lifetimeMs: number,
  client: { address?: string; userAgent?: string } = {},
): Promise<{ token: string; id: string; expiresUtc: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresUtc = new Date(Date.now() + lifetimeMs);
  const row = await db.consoleSession.create({
    data: {
      TokenHash: sessionTokenHash(token),
      UserId: userId,
      ExpiresUtc: expiresUtc,
      Address: client.address?.slice(0, 64) ?? null,
      UserAgent: client.userAgent?.slice(0, 300) ?? null,
    },
    select: { Id: true },
  });
  return { token, id: row.Id, expiresUtc };
}

/** The live session for a cookie's token, with its user, or null (unknown, revoked or expired). */
export async function findLiveSession(db: Db, token: string, now = new Date()): Promise<{ id: string; expiresUtc: Date; user: SessionHolder } | null> {
  const row = await db.consoleSession.findUnique({
    where: { TokenHash: sessionTokenHash(token) },
    select: { Id: true, ExpiresUtc: true, RevokedUtc: true, User: { select: SESSION_USER_SELECT } },
  });
  if (!row || row.RevokedUtc !== null || row.ExpiresUtc <= now) return null;
  return { id: row.Id, expiresUtc: row.ExpiresUtc, user: row.User };
}

/** Ends the session of this token (sign-out). */
export async function revokeSessionByToken(db: Tx, token: string, reason: SessionEndReason): Promise<void> {
  await db.consoleSession.updateMany({
    where: { TokenHash: sessionTokenHash(token), RevokedUtc: null },
    data: { RevokedUtc: new Date(), RevokedReason: reason },
  });
}

/** Ends every live session of a user, except `keepSessionId` (the one changing its password). Returns how many. */
export async function revokeUserSessions(db: Tx, userId: string, reason: SessionEndReason, keepSessionId?: string): Promise<number> {
  const { count } = await db.consoleSession.updateMany({
    where: { UserId: userId, RevokedUtc: null, ExpiresUtc: { gt: new Date() }, ...(keepSessionId ? { Id: { not: keepSessionId } } : {}) },
    data: { RevokedUtc: new Date(), RevokedReason: reason },
  });
  // The identity server's sign-ins of the user end with them (a new password, a deactivation,
  // "sign out everywhere" must not leave single sign-on to the apps open).
  await db.idSession.updateMany({ where: { UserId: userId, RevokedUtc: null }, data: { RevokedUtc: new Date(), RevokedReason: reason } });
  return count;
}

/** Live sessions per user id, for the users page. */
export async function liveSessionCounts(db: Db, userIds: readonly string[]): Promise<Map<string, number>> {
  if (userIds.length === 0) return new Map();
  const rows = await db.consoleSession.groupBy({
    by: ["UserId"],
    where: { UserId: { in: [...userIds] }, RevokedUtc: null, ExpiresUtc: { gt: new Date() } },
    _count: { _all: true },
  });
  return new Map(rows.map((r) => [r.UserId, r._count._all]));
}

/** Drops sessions that ended more than `olderThanMs` ago (housekeeping). */
export async function deleteEndedSessions(db: Db, olderThanMs = 30 * 86_400_000): Promise<number> {
  const before = new Date(Date.now() - olderThanMs);
  const { count } = await db.consoleSession.deleteMany({ where: { OR: [{ ExpiresUtc: { lt: before } }, { RevokedUtc: { lt: before } }] } });
  return count;
}
