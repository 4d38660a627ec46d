// Data access for Systems.Security.Users: reads. Writes are in user-mutations.ts.
import type { ConsoleRoleName } from "@/lib/auth/permissions";
import type { Db } from "./client";
import type { Prisma } from "./generated/client";
import { liveSessionCounts } from "./sessions";

export type ConsoleUser = {
  Id: string;
  Login: string;
  DisplayName: string;
  ConsoleRole: ConsoleRoleName;
  IsActive: boolean;
  /** Set by the seed, an administrator or the CLI: must choose a new password first. */
  MustChangePassword: boolean;
};

const CONSOLE_USER_SELECT = { Id: true, Login: true, DisplayName: true, ConsoleRole: true, IsActive: true, MustChangePassword: true } as const;

/** The one query that reads a password hash: sign-in (and checking the current password). */
export function findUserForSignIn(db: Db, login: string) {
  return db.user.findUnique({
    where: { Login: login },
    select: { ...CONSOLE_USER_SELECT, PasswordHash: true },
  });
}

export function findConsoleUser(db: Db, id: string): Promise<ConsoleUser | null> {
  return db.user.findUnique({ where: { Id: id }, select: CONSOLE_USER_SELECT });
}

export function findUserByLogin(db: Db, login: string): Promise<ConsoleUser | null> {
  return db.user.findUnique({ where: { Login: login }, select: CONSOLE_USER_SELECT });
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

export interface UserListQuery {
  q?: string;
  /** Only users with a console role. */
  consoleOnly?: boolean;
  page?: number;
  pageSize?: number;
}

const USER_LIST_SELECT = {
  ...CONSOLE_USER_SELECT,
  Type: true,
  CreationTimeUtc: true,
  PasswordChangedUtc: true,
} as const satisfies Prisma.UserSelect;

export type UserListRow = Prisma.UserGetPayload<{ select: typeof USER_LIST_SELECT }> & { HasPassword: boolean; LiveSessions: number };

/** One page of users for the users page and `users list`: never a hash, only whether one is set. */
export async function listUsers(db: Db, query: UserListQuery = {}): Promise<{ rows: UserListRow[]; total: number; page: number; pageSize: number }> {
  const pageSize = Math.min(Math.max(query.pageSize ?? 50, 1), 500);
  const page = Math.max(query.page ?? 1, 1);
  const q = query.q?.trim();
  const where: Prisma.UserWhereInput = {
    ...(q ? { OR: [{ Login: { contains: q, mode: "insensitive" } }, { DisplayName: { contains: q, mode: "insensitive" } }] } : {}),
    ...(query.consoleOnly ? { ConsoleRole: { not: "None" } } : {}),
  };
  const [total, rows] = await Promise.all([
    db.user.count({ where }),
    db.user.findMany({ where, select: USER_LIST_SELECT, orderBy: { Login: "asc" }, skip: (page - 1) * pageSize, take: pageSize }),
  ]);
  const ids = rows.map((r) => r.Id);
  const [withPassword, sessions] = await Promise.all([
    ids.length ? db.user.findMany({ where: { Id: { in: ids }, PasswordHash: { not: null } }, select: { Id: true } }) : [],
    liveSessionCounts(db, ids),
  ]);
  const hasPassword = new Set(withPassword.map((r) => r.Id));
  return { rows: rows.map((r) => ({ ...r, HasPassword: hasPassword.has(r.Id), LiveSessions: sessions.get(r.Id) ?? 0 })), total, page, pageSize };
}

/** Active console users still on a password set for them (the seed's, an administrator's). */
export function usersWithProvisionalPasswords(db: Db): Promise<{ Login: string }[]> {
  return db.user.findMany({
    where: { IsActive: true, MustChangePassword: true, ConsoleRole: { not: "None" }, PasswordHash: { not: null } },
    select: { Login: true },
    orderBy: { Login: "asc" },
  });
}
