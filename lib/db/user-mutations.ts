// Data access for Systems.Security.Users: writes, for the users page, the change-password
// page and the `users` CLI. Each writes its AuditEvent in the same transaction (never a
// password or hash: a password change is recorded as "changed") and ends the sessions the
// change invalidates: a new password, a role change and a deactivation sign the user out
// everywhere at once (lib/db/sessions.ts).
import type { ConsoleRoleName } from "@/lib/auth/permissions";
import type { NewUser } from "@/lib/schemas/user";
import { writeAuditEvent, type AuditActor } from "./audit";
import type { Db } from "./client";
import { isUniqueViolation, MutationError } from "./errors";
import type { Prisma } from "./generated/client";
import { revokeUserSessions } from "./sessions";

type Tx = Prisma.TransactionClient;

const TARGET = "User" as const;

async function requireUser(tx: Tx, id: string) {
  const user = await tx.user.findUnique({ where: { Id: id }, select: { Id: true, Login: true, ConsoleRole: true, IsActive: true } });
  if (!user) throw new MutationError("NOT_FOUND", "This user no longer exists.");
  return user;
}

/** Refuses a change that would leave no active administrator (nobody could manage the console). */
async function keepAnAdministrator(tx: Tx, userId: string): Promise<void> {
  const others = await tx.user.count({ where: { ConsoleRole: "Administrator", IsActive: true, Id: { not: userId } } });
  if (others === 0) throw new MutationError("INVALID", "This is the last active administrator: make someone else an administrator first.");
}

/** Creates a user with a provisional password (the hash of one the caller generated or was given). */
export async function createUser(db: Db, actor: AuditActor, input: NewUser, passwordHash: string | null) {
  try {
    return await db.$transaction(async (tx) => {
      const created = await tx.user.create({
        data: { ...input, PasswordHash: passwordHash, MustChangePassword: passwordHash !== null },
        select: { Id: true, Login: true },
      });
      await writeAuditEvent(tx, actor, {
        action: "user.create",
        targetType: TARGET,
        targetId: created.Id,
        targetLabel: created.Login,
        diff: {
          Login: { from: null, to: input.Login },
          DisplayName: { from: null, to: input.DisplayName },
          Type: { from: null, to: input.Type },
          ConsoleRole: { from: null, to: input.ConsoleRole },
          Password: { from: null, to: passwordHash ? "set (provisional)" : null },
        },
      });
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new MutationError("DUPLICATE", `A user with login "${input.Login}" already exists.`, "Login");
    throw error;
  }
}

export async function setUserRole(db: Db, actor: AuditActor, userId: string, role: ConsoleRoleName) {
  return db.$transaction(async (tx) => {
    const user = await requireUser(tx, userId);
    if (user.ConsoleRole === role) return { login: user.Login, changed: false, endedSessions: 0 };
    if (user.ConsoleRole === "Administrator") await keepAnAdministrator(tx, userId);
    await tx.user.update({ where: { Id: userId }, data: { ConsoleRole: role } });
    const endedSessions = await revokeUserSessions(tx, userId, "role");
    await writeAuditEvent(tx, actor, {
      action: "user.setRole",
      targetType: TARGET,
      targetId: userId,
      targetLabel: user.Login,
      diff: { ConsoleRole: { from: user.ConsoleRole, to: role }, LiveSessions: { from: endedSessions, to: 0 } },
    });
    return { login: user.Login, changed: true, endedSessions };
  });
}

export async function setUserActive(db: Db, actor: AuditActor, userId: string, active: boolean) {
  return db.$transaction(async (tx) => {
    const user = await requireUser(tx, userId);
    if (user.IsActive === active) return { login: user.Login, changed: false, endedSessions: 0 };
    if (!active && user.ConsoleRole === "Administrator") await keepAnAdministrator(tx, userId);
    await tx.user.update({ where: { Id: userId }, data: { IsActive: active } });
    const endedSessions = active ? 0 : await revokeUserSessions(tx, userId, "deactivated");
    await writeAuditEvent(tx, actor, {
      action: active ? "user.activate" : "user.deactivate",
      targetType: TARGET,
      targetId: userId,
      targetLabel: user.Login,
      diff: { IsActive: { from: user.IsActive, to: active }, ...(endedSessions ? { LiveSessions: { from: endedSessions, to: 0 } } : {}) },
    });
    return { login: user.Login, changed: true, endedSessions };
  });
}

/**
 * Stores a new password hash. `provisional`: set for the user by someone else, who must
 * change it at the next sign-in. Every other session of the user ends (`keepSessionId`: the
 * session changing its own password stays).
 */
export async function setUserPassword(
  db: Db,
  actor: AuditActor,
  userId: string,
  passwordHash: string,
  options: { provisional: boolean; keepSessionId?: string },
) {
  return db.$transaction(async (tx) => {
    const user = await requireUser(tx, userId);
    await tx.user.update({
      where: { Id: userId },
      data: { PasswordHash: passwordHash, MustChangePassword: options.provisional, PasswordChangedUtc: new Date() },
    });
    const endedSessions = await revokeUserSessions(tx, userId, "password", options.keepSessionId);
    await writeAuditEvent(tx, actor, {
      action: options.provisional ? "user.resetPassword" : "user.changePassword",
      targetType: TARGET,
      targetId: userId,
      targetLabel: user.Login,
      diff: {
        Password: { from: "set", to: options.provisional ? "reset (provisional)" : "changed" },
        ...(endedSessions ? { LiveSessions: { from: endedSessions, to: options.keepSessionId ? 1 : 0 } } : {}),
      },
    });
    return { login: user.Login, endedSessions };
  });
}

/** "Sign out everywhere": ends every live session of the user. */
export async function signOutEverywhere(db: Db, actor: AuditActor, userId: string) {
  return db.$transaction(async (tx) => {
    const user = await requireUser(tx, userId);
    const endedSessions = await revokeUserSessions(tx, userId, "everywhere");
    await writeAuditEvent(tx, actor, {
      action: "user.signOutEverywhere",
      targetType: TARGET,
      targetId: userId,
      targetLabel: user.Login,
      diff: { LiveSessions: { from: endedSessions, to: 0 } },
    });
    return { login: user.Login, endedSessions };
  });
}
