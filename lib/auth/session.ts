// Who is calling. The session cookie names a console session (Console_Sessions); the
// session, the user's role and active flag are read again from the database on every request
// (lib/auth/options.ts, jwt callback), so a sign-out, a demotion or a deactivation takes effect
// at once. Memoized per request: one check, and one log line for a bad cookie, per request.
import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { DatabaseUnavailableError } from "@/lib/db/errors";
import type { ConsoleUser } from "@/lib/db/users";
import { authOptions, type SessionUser } from "./options";
import { can, canAct, hasConsoleAccess, type Permission } from "./permissions";

export type Actor = ConsoleUser & {
  /** The Console_Sessions row of this request (a password change keeps it, ending the others). */
  SessionId: string;
};

/**
 * The signed-in console user, or null (no session, or one that has ended). May be on a
 * provisional password (MustChangePassword): every page and action but the password change
 * refuses such a user (canAct, requireUser).
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions);
  // The session could not be checked (lib/auth/options.ts): the caller says "database unavailable".
  if ((session?.user as { databaseUnavailable?: boolean } | undefined)?.databaseUnavailable) throw new DatabaseUnavailableError();
  const user = session?.user as SessionUser | undefined;
  if (!user?.id || !user.sessionId || !hasConsoleAccess(user.role)) return null;
  return {
    Id: user.id,
    Login: user.login,
    DisplayName: user.name,
    ConsoleRole: user.role,
    IsActive: true,
    MustChangePassword: user.mustChangePassword,
    SessionId: user.sessionId,
  };
});

/** For pages and layouts: anonymous visitors go to the sign-in page, provisional passwords to the change page. */
export async function requireUser(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect("/signin");
  if (actor.MustChangePassword) redirect("/account/password");
  return actor;
}

/** For pages: the signed-in user, who must hold `permission` (else a 403 page). */
export async function requirePermission(permission: Permission): Promise<Actor> {
  const actor = await requireUser();
  if (!can(actor.ConsoleRole, permission)) forbidden();
  return actor;
}

export { canAct };
