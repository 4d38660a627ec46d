// Idempotent seed: console users, the instance users the example apps need, and the four
// example setups of seed 000. Existing rows are left as they are (an admin's edits survive).
import { randomBytes } from "node:crypto";
import { hashPassword } from "@/lib/auth/password";
import { hashSecret } from "@/lib/oauth/secrets";
import type { Db } from "./client";

export interface SeedCredentials {
  admin: { login: string; password: string };
  reviewer: { login: string; password: string };
  user: { login: string; password: string };
}

/** Defaults documented in .env.example; change them before exposing the console. */
export function seedCredentialsFromEnv(e: Record<string, string | undefined> = process.env): SeedCredentials {
  return {
    admin: { login: e.SEED_ADMIN_LOGIN || "admin", password: e.SEED_ADMIN_PASSWORD || "admin-change-me" },
    reviewer: { login: e.SEED_REVIEWER_LOGIN || "reviewer", password: e.SEED_REVIEWER_PASSWORD || "reviewer-change-me" },
    user: { login: e.SEED_USER_LOGIN || "jdoe", password: e.SEED_USER_PASSWORD || "user-change-me" },
  };
}

export const SERVICE_USER_LOGIN = "svc-integration";

/** The four example setups of seed 000, "Example Minimal Setups", with the seed's values. */
export const EXAMPLE_APPS = [
  {
    ApplicationUri: "com.example/internal-dashboard",
    Name: "Internal dashboard (read-only)",
    NameTranslations: { bg: "Вътрешно табло (само четене)" },
    ClientType: "Confidential",
    ImpersonateAsInternalUserAllowed: true,
    ImpersonateLoginUrl: "https://dashboard.example.com/signin-oidc",
    ImpersonateLogoutUrl: "https://dashboard.example.com/signout-callback-oidc",
    Scope: "read",
    SystemUserAllowed: false,
    Notes: "Seed 000: Read-Only Interactive App (Internal Users).",
  },
  {
    ApplicationUri: "com.example/inventory-sync",
    Name: "Inventory sync (service integration)",
    NameTranslations: {},
    ClientType: "Confidential",
    SystemUserAllowed: true,
    systemUser: SERVICE_USER_LOGIN,
    Scope: "read update",
    Notes: "Seed 000: Write-Enabled Service Integration.",
  },
  {
    ApplicationUri: "com.example/customer-portal",
    Name: "Customer portal (public SPA)",
    NameTranslations: {},
    ClientType: "Public",
    ImpersonateAsCommunityUserAllowed: true,
    ImpersonateLoginUrl: "https://portal.example.com/callback",
    ImpersonateLogoutUrl: "https://portal.example.com/",
    Scope: "read",
    SystemUserAllowed: false,
    Notes: "Seed 000: Public SPA (Read-Only).",
  },
  {
    ApplicationUri: "com.example/field-service",
    Name: "Field service (hybrid)",
    NameTranslations: {},
    ClientType: "Confidential",
    ImpersonateAsInternalUserAllowed: true,
    ImpersonateLoginUrl: "https://field.example.com/signin-oidc",
    ImpersonateLogoutUrl: "https://field.example.com/signout-callback-oidc",
    SystemUserAllowed: true,
    systemUser: SERVICE_USER_LOGIN,
    Scope: "read update",
    Notes: "Seed 000: Hybrid App (Interactive + Service).",
  },
] as const;

export interface SeedResult {
  createdUsers: string[];
  createdApps: string[];
}

export async function seed(db: Db, credentials: SeedCredentials): Promise<SeedResult> {
  const createdUsers: string[] = [];
  const createdApps: string[] = [];
  const users = [
    { Login: credentials.admin.login, DisplayName: "Console administrator", ConsoleRole: "Administrator" as const, password: credentials.admin.password },
    { Login: credentials.reviewer.login, DisplayName: "Security reviewer", ConsoleRole: "SecurityReviewer" as const, password: credentials.reviewer.password },
    { Login: credentials.user.login, DisplayName: "Jane Doe (internal user)", ConsoleRole: "None" as const, password: credentials.user.password },
    { Login: "partner.anna", DisplayName: "Anna Partner (community user)", ConsoleRole: "None" as const, Type: "Community" as const },
    { Login: SERVICE_USER_LOGIN, DisplayName: "Integration service account (least privilege)", ConsoleRole: "None" as const },
  ];
  const userIds = new Map<string, string>();
  for (const { password, ...u } of users) {
    const existing = await db.user.findUnique({ where: { Login: u.Login }, select: { Id: true } });
    if (existing) {
      userIds.set(u.Login, existing.Id);
      continue;
    }
    const created = await db.user.create({
      data: { ...u, PasswordHash: password ? await hashPassword(password) : null },
      select: { Id: true },
    });
    userIds.set(u.Login, created.Id);
    createdUsers.push(u.Login);
  }
  for (const app of EXAMPLE_APPS) {
    const exists = await db.trustedApplication.findUnique({ where: { ApplicationUri: app.ApplicationUri }, select: { Id: true } });
    if (exists) continue;
    const { systemUser, ...fields } = app as typeof app & { systemUser?: string };
    await db.$transaction(async (tx) => {
      const created = await tx.trustedApplication.create({
        data: {
          ...fields,
          NameTranslations: { ...fields.NameTranslations },
          SystemUserId: systemUser ? userIds.get(systemUser) : undefined,
          // Confidential apps get a secret nobody knows; an admin rotates it to obtain one.
          ...(fields.ClientType === "Confidential"
            ? { ApplicationSecretHash: hashSecret(randomBytes(32).toString("base64url")), ApplicationSecretCreatedUtc: new Date() }
            : {}),
          UpdatedBy: "seed",
        },
        select: { Id: true },
      });
      await tx.auditEvent.create({
        data: {
          ActorLogin: "seed",
          Action: "app.create",
          TargetType: "TrustedApplication",
          TargetId: created.Id,
          TargetLabel: fields.ApplicationUri,
          Diff: { created: { from: null, to: fields.ApplicationUri } },
        },
      });
    });
    createdApps.push(app.ApplicationUri);
  }
  return { createdUsers, createdApps };
}
