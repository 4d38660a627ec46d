// Data access for the identity server's own state around a browser (lib/oauth/sessions):
// sign-in sessions (Id_Sessions) and pending authorization requests (Id_Interactions).
// Cookies carry random values; the tables hold only their SHA-256 (digestToken), so a copy of
// the tables opens no session and continues no interaction.
import type { UserType } from "@/lib/policy/interactive";
import type { Db } from "./client";
import type { Prisma } from "./generated/client";

/** The signed-in user as the identity server needs them. */
export interface IdUser {
  Id: string;
  Login: string;
  DisplayName: string;
  Type: UserType;
  IsActive: boolean;
}

const ID_USER_SELECT = { Id: true, Login: true, DisplayName: true, Type: true, IsActive: true } as const satisfies Prisma.UserSelect;

export interface IdSessionRecord {
  id: string;
  authTime: Date;
  expiresUtc: Date;
  user: IdUser;
}

export async function createIdSession(
  db: Db,
  input: { tokenHash: string; userId: string; authTime: Date; expiresUtc: Date; address?: string; userAgent?: string },
): Promise<string> {
  const row = await db.idSession.create({
    data: {
      TokenHash: input.tokenHash,
      UserId: input.userId,
      AuthTimeUtc: input.authTime,
      ExpiresUtc: input.expiresUtc,
      Address: input.address?.slice(0, 64) ?? null,
      UserAgent: input.userAgent?.slice(0, 300) ?? null,
    },
    select: { Id: true },
  });
  return row.Id;
}

/** The live session of a cookie's digest with its user, or null (unknown, ended, expired, or the user is inactive). */
export async function findLiveIdSession(db: Db, tokenHash: string, now = new Date()): Promise<IdSessionRecord | null> {
  const row = await db.idSession.findUnique({
    where: { TokenHash: tokenHash },
    select: { Id: true, AuthTimeUtc: true, ExpiresUtc: true, RevokedUtc: true, User: { select: ID_USER_SELECT } },
  });
  if (!row || row.RevokedUtc !== null || row.ExpiresUtc <= now || !row.User.IsActive) return null;
  return { id: row.Id, authTime: row.AuthTimeUtc, expiresUtc: row.ExpiresUtc, user: row.User };
}

/** Ends the session of a cookie's digest (end-session); true when one was live. */
export async function endIdSession(db: Db, tokenHash: string, reason: string, now = new Date()): Promise<boolean> {
  const { count } = await db.idSession.updateMany({
    where: { TokenHash: tokenHash, RevokedUtc: null },
    data: { RevokedUtc: now, RevokedReason: reason },
  });
  return count > 0;
}

export async function findIdUserByLogin(db: Db, login: string): Promise<(IdUser & { PasswordHash: string | null }) | null> {
  return db.user.findUnique({ where: { Login: login }, select: { ...ID_USER_SELECT, PasswordHash: true } });
}

export async function findIdUser(db: Db, id: string): Promise<IdUser | null> {
  return db.user.findUnique({ where: { Id: id }, select: ID_USER_SELECT });
}

// ---------------------------------------------------------------------------
// Interactions: an authorization request waiting for the user

export interface InteractionRecord<P> {
  id: string;
  browserHash: string;
  clientId: string;
  params: P;
  lastLogin: string | null;
  /** The session that signed in during this interaction, or was found good enough for it. */
  sessionId: string | null;
  expiresUtc: Date;
}

export async function createInteraction<P>(
  db: Db,
  input: { id: string; browserHash: string; clientId: string; params: P; sessionId: string | null; expiresUtc: Date },
): Promise<void> {
  await db.idInteraction.create({
    data: {
      Id: input.id,
      BrowserHash: input.browserHash,
      ClientId: input.clientId,
      Params: input.params as Prisma.InputJsonValue,
      SessionId: input.sessionId,
      ExpiresUtc: input.expiresUtc,
    },
  });
}

/** The interaction's user signed in with this session. */
export async function setInteractionSession(db: Db, id: string, sessionId: string): Promise<void> {
  await db.idInteraction.updateMany({ where: { Id: id }, data: { SessionId: sessionId, LastLogin: null } });
}

/** The pending interaction, or null when unknown or expired. */
export async function findInteraction<P>(db: Db, id: string, now = new Date()): Promise<InteractionRecord<P> | null> {
  const row = await db.idInteraction.findUnique({ where: { Id: id } });
  if (!row || row.ExpiresUtc <= now) return null;
  return {
    id: row.Id,
    browserHash: row.BrowserHash,
    clientId: row.ClientId,
    params: row.Params as P,
    lastLogin: row.LastLogin,
    sessionId: row.SessionId,
    expiresUtc: row.ExpiresUtc,
  };
}

/** Keeps the user name typed on the sign-in page, so a failed attempt loses nothing. */
export async function rememberInteractionLogin(db: Db, id: string, login: string): Promise<void> {
  await db.idInteraction.updateMany({ where: { Id: id }, data: { LastLogin: login.slice(0, 200) } });
}

/**
 * Finishes an interaction (answered to the client, either way): true for the one caller that
 * removed it, so a double submit cannot issue two codes.
 */
export async function finishInteraction(db: Db, id: string): Promise<boolean> {
  const { count } = await db.idInteraction.deleteMany({ where: { Id: id } });
  return count > 0;
}
