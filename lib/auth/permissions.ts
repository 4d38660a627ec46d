// Console roles and the permissions they carry: the one list every page, action and
// route asks. Pure: no Next, no Prisma.

export const PERMISSIONS = [
  "apps.read",
  "apps.write",
  "apps.rotateSecret",
  "apps.toggle",
  "apps.delete",
  "apps.import",
  "audit.read",
  // Revoking a user's consent ends their tokens for the app: a change, so administrators only.
  "authorizations.revoke",
  "review.read",
  "token.explain",
  "users.manage",
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export type ConsoleRoleName = "Administrator" | "SecurityReviewer" | "None";

const READ_ONLY: readonly Permission[] = ["apps.read", "audit.read", "review.read", "token.explain"];

export const ROLE_PERMISSIONS: Readonly<Record<ConsoleRoleName, readonly Permission[]>> = {
  Administrator: PERMISSIONS,
  SecurityReviewer: READ_ONLY,
  None: [],
};

export function can(role: ConsoleRoleName | null | undefined, permission: Permission): boolean {
  return role ? ROLE_PERMISSIONS[role].includes(permission) : false;
}

/**
 * Whether a signed-in user may use `permission` now: holds it, and is not on a provisional
 * password (set by the seed or someone else), which must be changed before anything else.
 */
export function canAct(actor: { ConsoleRole: ConsoleRoleName; MustChangePassword: boolean } | null | undefined, permission: Permission): boolean {
  return !!actor && !actor.MustChangePassword && can(actor.ConsoleRole, permission);
}

/** Whether a role may enter the console at all. */
export function hasConsoleAccess(role: ConsoleRoleName | null | undefined): boolean {
  return role === "Administrator" || role === "SecurityReviewer";
}

export const ROLE_LABELS: Readonly<Record<ConsoleRoleName, string>> = {
  Administrator: "Administrator",
  SecurityReviewer: "Security reviewer",
  None: "No console role",
};
