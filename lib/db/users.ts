// Data access for Systems.Security.Users.
import type { Db } from "./client";

export type ConsoleUser = {
  Id: string;
  Login: string;
  DisplayName: string;
  ConsoleRole: "Administrator" | "SecurityReviewer" | "None";
  IsActive: boolean;
};

const CONSOLE_USER_SELECT = { Id: true, Login: true, DisplayName: true, ConsoleRole: true, IsActive: true } as const;

/** The one query that reads a password hash: sign-in. */
export function findUserForSignIn(db: Db, login: string) {
  return db.user.findUnique({
    where: { Login: login },
    select: { ...CONSOLE_USER_SELECT, PasswordHash: true },
  });
}

export function findConsoleUser(db: Db, id: string): Promise<ConsoleUser | null> {
  return db.user.findUnique({ where: { Id: id }, select: CONSOLE_USER_SELECT });
}

/** Users offered as SystemUser candidates, searched by login or display name. */
export function searchUsers(db: Db, query: string, take = 20) {
  const q = query.trim();
  return db.user.findMany({
    where: q
      ? { OR: [{ Login: { contains: q, mode: "insensitive" } }, { DisplayName: { contains: q, mode: "insensitive" } }] }
      : {},
    select: { Id: true, Login: true, DisplayName: true, Type: true, IsActive: true, IsAdministrator: true },
    orderBy: { Login: "asc" },
    take,
  });
}
