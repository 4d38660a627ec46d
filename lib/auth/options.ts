// next-auth (v4) configuration: Credentials against Systems.Security.Users, with sessions the
// server can end. The encrypted session cookie carries a random session id; the session
// itself lives in Console_Sessions (lib/db/sessions.ts) and is checked on every request in
// the jwt callback, which also reads the user's role and state afresh. So signing out, a
// password or role change, a deactivation and "sign out everywhere" end a session at once,
// and its absolute lifetime (SESSION_LIFETIME_MS) is not extended by any request, even though
// next-auth re-issues the cookie itself.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { isDatabaseUnavailable } from "@/lib/db/errors";
import { findLiveSession, revokeSessionByToken } from "@/lib/db/sessions";
import { log, type LogLevel } from "@/lib/log";
import { currentRequestId } from "@/lib/request-context";
import { hasConsoleAccess, type ConsoleRoleName } from "./permissions";
import { SESSION_LIFETIME_MS, signInWithPassword } from "./sign-in";
import { SIGN_IN_ERROR } from "./sign-in-errors";

const CredentialsSchema = z.object({
  login: z.string().trim().min(1).max(200),
  password: z.string().min(1).max(1000),
});

/** The session ended (signed out, revoked, expired, user deactivated or demoted): not an error. */
class SessionEnded extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "SessionEnded";
  }
}

/** What the session cookie holds besides next-auth's own claims. */
interface ConsoleToken {
  sid?: string;
}

/** The console user of a live session, as getServerSession returns it. */
export interface SessionUser {
  id: string;
  sessionId: string;
  login: string;
  name: string;
  role: ConsoleRoleName;
  mustChangePassword: boolean;
}

const DB_UNAVAILABLE: unique symbol = Symbol("database unavailable");

export const authOptions: NextAuthOptions = {
  // The cookie's own lifetime; the session's absolute end is ExpiresUtc in the database.
  session: { strategy: "jwt", maxAge: SESSION_LIFETIME_MS / 1000 },
  pages: { signIn: "/signin" },
  providers: [
    CredentialsProvider({
      name: "Login",
      credentials: { login: { label: "Login", type: "text" }, password: { label: "Password", type: "password" } },
      async authorize(raw, req) {
        const parsed = CredentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const headers = (req.headers ?? {}) as Record<string, string | undefined>;
        const result = await signInWithPassword(await getDb(), { ...parsed.data, headers });
        switch (result.kind) {
          case "ok":
            return { id: result.userId, sid: result.sessionToken };
          case "invalid":
            return null; // next-auth answers CredentialsSignin
          case "throttled":
            throw new Error(`${SIGN_IN_ERROR.throttled}:${result.retryAfterSeconds}`);
          case "busy":
            throw new Error(`${SIGN_IN_ERROR.busy}:${result.retryAfterSeconds}`);
        }
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      const t = token as typeof token & ConsoleToken;
      if (user) return { sub: user.id, sid: (user as unknown as { sid: string }).sid };
      if (!t.sid) throw new SessionEnded("no session id");
      // next-auth turns a thrown error into "no session" (and would drop the cookie): an
      // unreachable database is handed on instead, for getActor to raise (the session stands).
      const live = await getDb()
        .then((db) => findLiveSession(db, t.sid!))
        .catch((error: unknown) => {
          if (isDatabaseUnavailable(error)) return DB_UNAVAILABLE as typeof DB_UNAVAILABLE;
          throw error;
        });
      if (typeof live === "symbol") return { sub: t.sub, sid: t.sid, databaseUnavailable: true };
      if (!live) throw new SessionEnded("revoked or expired");
      const u = live.user;
      if (!u.IsActive || !hasConsoleAccess(u.ConsoleRole)) throw new SessionEnded("user inactive or without a console role");
      // Fresh on every request; what the session callback hands to getServerSession.
      return { sub: u.Id, sid: t.sid, sessionId: live.id, login: u.Login, name: u.DisplayName, role: u.ConsoleRole, mustChangePassword: u.MustChangePassword };
    },
    session({ token, session }) {
      if (token.databaseUnavailable === true) return { expires: session.expires, user: { databaseUnavailable: true } } as unknown as typeof session;
      const user: SessionUser = {
        id: token.sub ?? "",
        sessionId: String(token.sessionId ?? ""),
        login: String(token.login ?? ""),
        name: String(token.name ?? ""),
        role: token.role as ConsoleRoleName,
        mustChangePassword: token.mustChangePassword === true,
      };
      return { expires: session.expires, user } as unknown as typeof session;
    },
  },
  events: {
    async signOut({ token }) {
      const sid = (token as ConsoleToken | null)?.sid;
      if (sid) await revokeSessionByToken(await getDb(), sid, "signout");
    },
  },
  // One structured line per event (next-auth's default prints stack traces over many lines),
  // with the request id of the request it happened in (next-auth's logger is synchronous: the
  // line is written once the id is read).
  logger: {
    error(code, metadata) {
      const error = (metadata instanceof Error ? metadata : (metadata as { error?: unknown })?.error) as Error | undefined;
      if (code === "JWT_SESSION_ERROR") {
        if (error?.name === "SessionEnded") logInRequest("info", "auth.session_ended", { reason: error.message });
        else logInRequest("warn", "auth.session_invalid", { reason: (error as { code?: string } | undefined)?.code || error?.name || "unknown", message: error?.message });
        return;
      }
      logInRequest("error", "auth.error", { code, message: error?.message });
    },
    warn(code) {
      logInRequest("warn", "auth.warning", { code });
    },
    debug() {},
  },
};

function logInRequest(level: LogLevel, event: string, fields: Record<string, unknown>): void {
  void currentRequestId().then((request_id) => log(level, event, { request_id, ...fields }));
}
