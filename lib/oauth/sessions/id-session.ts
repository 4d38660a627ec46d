// The identity server's sign-in session (apart from the console's): the tac_id_session cookie
// names an Id_Sessions row by its SHA-256; the row decides, so a session ends server-side at
// once (end-session, deactivation, a new password, "sign out everywhere") whatever the cookie.
import { createIdSession, endIdSession, findLiveIdSession, type IdSessionRecord, type IdUser } from "@/lib/db/id-sessions";
import { digestToken, newOpaqueToken } from "../tokens/opaque";
import type { OAuthServer } from "../server";
import { clearCookie, readCookie, secureCookies, SESSION_COOKIE, setCookie } from "./cookies";

export type { IdSessionRecord };

/** The request's live session with its (active) user, or null. */
export async function currentIdSession(server: OAuthServer, cookieHeader: string | null): Promise<IdSessionRecord | null> {
  const token = readCookie(cookieHeader, SESSION_COOKIE);
  if (!token) return null;
  return findLiveIdSession(server.connection.db, digestToken(token));
}

/** Opens a session for a user who just entered their password; returns it and its Set-Cookie. */
export async function startIdSession(
  server: OAuthServer,
  user: IdUser,
  client: { address?: string; userAgent?: string },
  now = new Date(),
): Promise<{ session: IdSessionRecord; setCookie: string }> {
  const token = newOpaqueToken();
  const lifetime = server.config.idSessionLifetimeSeconds;
  const expiresUtc = new Date(now.getTime() + lifetime * 1000);
  const id = await createIdSession(server.connection.db, { tokenHash: digestToken(token), userId: user.Id, authTime: now, expiresUtc, ...client });
  return {
    session: { id, authTime: now, expiresUtc, user },
    setCookie: setCookie(SESSION_COOKIE, token, { secure: secureCookies(server.config.issuer), maxAge: lifetime }),
  };
}

/** Ends the request's session, if any; returns the Set-Cookie that clears it either way. */
export async function endCurrentIdSession(server: OAuthServer, cookieHeader: string | null, reason: string): Promise<{ ended: boolean; clearCookie: string }> {
  const token = readCookie(cookieHeader, SESSION_COOKIE);
  const ended = token ? await endIdSession(server.connection.db, digestToken(token), reason) : false;
  return { ended, clearCookie: clearCookie(SESSION_COOKIE, secureCookies(server.config.issuer)) };
}
