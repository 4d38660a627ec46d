// Data access for Sec_Trusted_Applications: reads. Hash columns are omitted by the client;
// the policy sees only whether a secret is set and when.
import type { PolicyApp } from "@/lib/policy/types";
import type { Db } from "./client";
import type { Prisma } from "./generated/client";

/** Everything a page or the policy needs about an app; never a hash. */
export const APP_SELECT = {
  Id: true,
  ApplicationUri: true,
  Name: true,
  NameTranslations: true,
  ClientType: true,
  ApplicationSecretCreatedUtc: true,
  PreviousSecretCreatedUtc: true,
  PreviousSecretExpiresUtc: true,
  ImpersonateLoginUrl: true,
  ImpersonateLogoutUrl: true,
  ImpersonateAsInternalUserAllowed: true,
  ImpersonateAsCommunityUserAllowed: true,
  SystemUserAllowed: true,
  SystemUserId: true,
  SystemUser: { select: { Id: true, Login: true, DisplayName: true, IsActive: true, IsAdministrator: true } },
  SystemUserLoginUrl: true,
  Scope: true,
  AccessTokens: true,
  BasicAuthenticationAllowed: true,
  IsEnabled: true,
  Notes: true,
  CreationTimeUtc: true,
  Version: true,
  UpdatedUtc: true,
  UpdatedBy: true,
} as const satisfies Prisma.TrustedApplicationSelect;

export type AppRow = Prisma.TrustedApplicationGetPayload<{ select: typeof APP_SELECT }> & {
  /** Whether ApplicationSecretHash is set (computed without reading the hash out). */
  HasApplicationSecret: boolean;
};

/** The policy's view of a stored app. */
export function toPolicyApp(row: AppRow): PolicyApp {
  return {
    ApplicationUri: row.ApplicationUri,
    ClientType: row.ClientType,
    HasApplicationSecret: row.HasApplicationSecret,
    SecretCreatedUtc: row.ApplicationSecretCreatedUtc,
    ImpersonateLoginUrl: row.ImpersonateLoginUrl,
    ImpersonateLogoutUrl: row.ImpersonateLogoutUrl,
    ImpersonateAsInternalUserAllowed: row.ImpersonateAsInternalUserAllowed,
    ImpersonateAsCommunityUserAllowed: row.ImpersonateAsCommunityUserAllowed,
    SystemUserAllowed: row.SystemUserAllowed,
    SystemUser: row.SystemUser
      ? { Login: row.SystemUser.Login, IsActive: row.SystemUser.IsActive, IsAdministrator: row.SystemUser.IsAdministrator }
      : null,
    SystemUserLoginUrl: row.SystemUserLoginUrl,
    Scope: row.Scope,
    AccessTokens: row.AccessTokens,
    BasicAuthenticationAllowed: row.BasicAuthenticationAllowed,
    IsEnabled: row.IsEnabled,
  };
}

async function withSecretFlags<T extends { Id: string }>(db: Db, rows: T[]): Promise<(T & { HasApplicationSecret: boolean })[]> {
  if (rows.length === 0) return [];
  const withSecret = await db.trustedApplication.findMany({
    where: { Id: { in: rows.map((r) => r.Id) }, ApplicationSecretHash: { not: null } },
    select: { Id: true },
  });
  const ids = new Set(withSecret.map((r) => r.Id));
  return rows.map((r) => ({ ...r, HasApplicationSecret: ids.has(r.Id) }));
}

/** The apps with these ids that still exist (the fleet's incremental update). */
export async function listAppsByIds(db: Db, ids: readonly string[]): Promise<AppRow[]> {
  if (ids.length === 0) return [];
  const rows = await db.trustedApplication.findMany({ where: { Id: { in: [...ids] } }, select: APP_SELECT });
  return withSecretFlags(db, rows);
}

export async function getApp(db: Db, id: string): Promise<AppRow | null> {
  const row = await db.trustedApplication.findUnique({ where: { Id: id }, select: APP_SELECT });
  if (!row) return null;
  const [withFlag] = await withSecretFlags(db, [row]);
  return withFlag ?? null;
}

/** The id of the app registered as `applicationUri`, or null. */
export async function appIdForUri(db: Db, applicationUri: string): Promise<string | null> {
  const row = await db.trustedApplication.findUnique({ where: { ApplicationUri: applicationUri }, select: { Id: true } });
  return row?.Id ?? null;
}

export async function getAppByUri(db: Db, applicationUri: string): Promise<AppRow | null> {
  const row = await db.trustedApplication.findUnique({ where: { ApplicationUri: applicationUri }, select: APP_SELECT });
  if (!row) return null;
  const [withFlag] = await withSecretFlags(db, [row]);
  return withFlag ?? null;
}

export interface ListAppsQuery {
  q?: string;
  page?: number;
  pageSize?: number;
}

export async function listApps(db: Db, query: ListAppsQuery = {}) {
  const pageSize = Math.min(Math.max(query.pageSize ?? 25, 1), 200);
  const page = Math.max(query.page ?? 1, 1);
  const q = query.q?.trim();
  const where: Prisma.TrustedApplicationWhereInput = q
    ? { OR: [{ ApplicationUri: { contains: q, mode: "insensitive" } }, { Name: { contains: q, mode: "insensitive" } }] }
    : {};
  const [total, rows] = await Promise.all([
    db.trustedApplication.count({ where }),
    db.trustedApplication.findMany({
      where,
      select: APP_SELECT,
      orderBy: { ApplicationUri: "asc" },
      skip: (page - 1) * pageSize,
      take: pageSize,
    }),
  ]);
  return { total, page, pageSize, rows: await withSecretFlags(db, rows) };
}

const { SystemUser: SYSTEM_USER, ...APP_COLUMNS } = APP_SELECT;

/**
 * Every app, for fleet-wide linting (review dashboard, CLI). Shaped for 10,000 apps
 * (bench/console.bench.ts): the secret flags come from one `IS NOT NULL` scan rather than an
 * `IN` list of every id, and the few SystemUsers are read once and joined here rather than
 * through Prisma's per-row relation loading; together that halves the read.
 */
export async function listAllApps(db: Db): Promise<AppRow[]> {
  const rows = await db.trustedApplication.findMany({ select: APP_COLUMNS, orderBy: { ApplicationUri: "asc" } });
  const withSecret = await db.trustedApplication.findMany({ where: { ApplicationSecretHash: { not: null } }, select: { Id: true } });
  const userIds = [...new Set(rows.map((r) => r.SystemUserId).filter((id): id is string => id !== null))];
  const users = userIds.length ? await db.user.findMany({ where: { Id: { in: userIds } }, select: SYSTEM_USER.select }) : [];
  const secretIds = new Set(withSecret.map((r) => r.Id));
  const usersById = new Map(users.map((u) => [u.Id, u]));
  return rows.map((row) => ({
    ...row,
    SystemUser: row.SystemUserId === null ? null : (usersById.get(row.SystemUserId) ?? null),
    HasApplicationSecret: secretIds.has(row.Id),
  }));
}
