// Idempotent seed: console users, the instance users the example apps need, and the four
// example setups of seed 000. Existing rows are left as they are (an admin's edits survive).
import { hashPassword } from "@/lib/auth/password";
import {
  EMPTY_TRUSTED_APPLICATION,
  TEMPLATES,
  type TemplateId,
  type TrustedApplicationInput,
} from "@/lib/schemas/trusted-application";
import { createApp, type AuditActor } from "./app-mutations";
import type { Db } from "./client";

const SEED_ACTOR: AuditActor = { id: null, login: "seed" };

export interface SeedCredentials {
  admin: { login: string; password: string };
  reviewer: { login: string; password: string };
  user: { login: string; password: string };
  /** A community (external) user, so that both user types can sign in to the example apps. */
  community: { login: string; password: string };
}

/** Defaults documented in .env.example; change them before exposing the console. */
export function seedCredentialsFromEnv(e: Record<string, string | undefined> = process.env): SeedCredentials {
  return {
    admin: { login: e.SEED_ADMIN_LOGIN || "admin", password: e.SEED_ADMIN_PASSWORD || "admin-change-me" },
    reviewer: { login: e.SEED_REVIEWER_LOGIN || "reviewer", password: e.SEED_REVIEWER_PASSWORD || "reviewer-change-me" },
    user: { login: e.SEED_USER_LOGIN || "jdoe", password: e.SEED_USER_PASSWORD || "user-change-me" },
    community: { login: e.SEED_COMMUNITY_LOGIN || "partner.anna", password: e.SEED_COMMUNITY_PASSWORD || "community-change-me" },
  };
}

export const SERVICE_USER_LOGIN = "svc-integration";

/**
 * The four example setups of seed 000 ("Example Minimal Setups"), registered from the same
 * templates the console's "New application" page offers (lib/schemas), with their own URIs.
 */
export const EXAMPLE_APPS: readonly { template: TemplateId; ApplicationUri: string; Name: TrustedApplicationInput["Name"]; redirects?: [string, string]; Notes: string }[] = [
  {
    template: "interactive-web",
    ApplicationUri: "com.example/internal-dashboard",
    Name: { Default: "Internal dashboard (read-only)", Translations: [{ Language: "bg", Text: "Вътрешно табло (само четене)" }] },
    redirects: ["https://dashboard.example.com/signin-oidc", "https://dashboard.example.com/signout-callback-oidc"],
    Notes: "Seed 000: Read-Only Interactive App (Internal Users).",
  },
  {
    template: "service-integration",
    ApplicationUri: "com.example/inventory-sync",
    Name: { Default: "Inventory sync (service integration)", Translations: [] },
    Notes: "Seed 000: Write-Enabled Service Integration.",
  },
  {
    template: "spa-native",
    ApplicationUri: "com.example/customer-portal",
    Name: { Default: "Customer portal (public SPA)", Translations: [] },
    redirects: ["https://portal.example.com/callback", "https://portal.example.com/"],
    Notes: "Seed 000: Public SPA (Read-Only).",
  },
  {
    template: "hybrid",
    ApplicationUri: "com.example/field-service",
    Name: { Default: "Field service (hybrid)", Translations: [] },
    redirects: ["https://field.example.com/signin-oidc", "https://field.example.com/signout-callback-oidc"],
    Notes: "Seed 000: Hybrid App (Interactive + Service).",
  },
];

export function exampleInput(example: (typeof EXAMPLE_APPS)[number]): TrustedApplicationInput {
  const template = TEMPLATES.find((t) => t.id === example.template);
  if (!template) throw new Error(`Unknown template ${example.template}`);
  const values = { ...EMPTY_TRUSTED_APPLICATION, ...template.values };
  return {
    ...values,
    ApplicationUri: example.ApplicationUri,
    Name: example.Name,
    ImpersonateLoginUrls: example.redirects ? [example.redirects[0]] : values.ImpersonateLoginUrls,
    ImpersonateLogoutUrls: example.redirects ? [example.redirects[1]] : values.ImpersonateLogoutUrls,
    Notes: example.Notes,
  };
}

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
    { Login: credentials.community.login, DisplayName: "Anna Partner (community user)", ConsoleRole: "None" as const, Type: "Community" as const, password: credentials.community.password },
    { Login: SERVICE_USER_LOGIN, DisplayName: "Integration service account (least privilege)", ConsoleRole: "None" as const },
  ];
  const userIds = new Map<string, string>();
  for (const { password, ...u } of users) {
    const existing = await db.user.findUnique({ where: { Login: u.Login }, select: { Id: true } });
    if (existing) {
      userIds.set(u.Login, existing.Id);
      continue;
    }
    // A seeded password is printed and documented: its owner must choose their own at first sign-in.
    const created = await db.user.create({
      data: { ...u, PasswordHash: password ? await hashPassword(password) : null, MustChangePassword: !!password },
      select: { Id: true },
    });
    userIds.set(u.Login, created.Id);
    createdUsers.push(u.Login);
  }
  for (const example of EXAMPLE_APPS) {
    const exists = await db.trustedApplication.findUnique({ where: { ApplicationUri: example.ApplicationUri }, select: { Id: true } });
    if (exists) continue;
    // A Confidential app gets a secret nobody knows (the result is dropped): an admin rotates
    // it to obtain one. The create writes its audit event like any other.
    await createApp(db, SEED_ACTOR, exampleInput(example));
    createdApps.push(example.ApplicationUri);
  }
  return { createdUsers, createdApps };
}
