// Who is calling. The session cookie only says who signed in; the role and the active flag
// are read again from the database on every request, so a demotion takes effect at once.
import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { getDb } from "@/lib/db/client";
import { findConsoleUser, type ConsoleUser } from "@/lib/db/users";
import { authOptions } from "./options";
import { can, hasConsoleAccess, type Permission } from "./permissions";

export type Actor = ConsoleUser;

/** The signed-in console user, or null (no session, inactive, or no console role). */
export async function getActor(): Promise<Actor | null> {
  const session = await getServerSession(authOptions);
  const id = (session?.user as { id?: string } | undefined)?.id;
  if (!id) return null;
  const user = await findConsoleUser(await getDb(), id);
  if (!user || !user.IsActive || !hasConsoleAccess(user.ConsoleRole)) return null;
  return user;
}

/** For pages and layouts: sends anonymous visitors to the sign-in page. */
export async function requireUser(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect("/signin");
  return actor;
}

/** For pages: the signed-in user, who must hold `permission` (else a 403 page). */
export async function requirePermission(permission: Permission): Promise<Actor> {
  const actor = await requireUser();
  if (!can(actor.ConsoleRole, permission)) forbidden();
  return actor;
}
