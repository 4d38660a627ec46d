// Data access for Sec_Trusted_Applications: writes. Every mutation writes its AuditEvent in
// the same transaction (actor, time, field diff without secrets, the non-secret snapshot that
// "restore" uses). Optimistic concurrency: updates name the Version they were based on.
import { generateClientSecret, hashSecret } from "@/lib/oauth/clients/secrets";
import { diffSnapshots, isEmptyDiff, type FieldDiff } from "@/lib/audit/diff";
import { parseUrlList } from "@/lib/policy/urls";
import { joinUrlList, type TrustedApplicationInput } from "@/lib/schemas/trusted-application";
import type { Finding } from "@/lib/policy/types";
import type { Db } from "./client";
import { isUniqueViolation, MutationError } from "./errors";

export { MutationError };
import type { Prisma } from "./generated/client";
import { APP_SELECT, appIdForUri, type AppRow } from "./apps";
import { writeAuditEvent, type AuditActor } from "./audit";

export type { AuditActor };

/** Why a save went through despite findings: stored with the audit event. */
export interface SaveReview {
  acknowledged?: readonly Pick<Finding, "ruleId" | "severity" | "field" | "message">[];
  justification?: string | null;
}

type Tx = Prisma.TransactionClient;

/** The form's (and the audit snapshot's) view of a stored app. Never a secret. */
export function rowToInput(row: AppRow): TrustedApplicationInput {
  const translations = (row.NameTranslations ?? {}) as Record<string, string>;
  return {
    ApplicationUri: row.ApplicationUri,
    Name: {
      Default: row.Name,
      Translations: Object.entries(translations).map(([Language, Text]) => ({ Language, Text })),
    },
    ClientType: row.ClientType,
    ImpersonateLoginUrls: parseUrlList(row.ImpersonateLoginUrl),
    ImpersonateLogoutUrls: parseUrlList(row.ImpersonateLogoutUrl),
    ImpersonateAsInternalUserAllowed: row.ImpersonateAsInternalUserAllowed,
    ImpersonateAsCommunityUserAllowed: row.ImpersonateAsCommunityUserAllowed,
    SystemUserAllowed: row.SystemUserAllowed,
    SystemUserLogin: row.SystemUser?.Login ?? null,
    SystemUserLoginUrl: row.SystemUserLoginUrl,
    Scopes: row.Scope ? row.Scope.split(" ").filter(Boolean) : [],
    AccessTokens: row.AccessTokens,
    BasicAuthenticationAllowed: row.BasicAuthenticationAllowed,
    IsEnabled: row.IsEnabled,
    Notes: row.Notes,
  };
}

async function resolveSystemUser(tx: Tx, login: string | null): Promise<string | null> {
  if (!login) return null;
  const user = await tx.user.findUnique({ where: { Login: login }, select: { Id: true } });
  if (!user) throw new MutationError("INVALID", `SystemUser "${login}" does not exist.`);
  return user.Id;
}

function inputToData(input: TrustedApplicationInput, systemUserId: string | null) {
  return {
    ApplicationUri: input.ApplicationUri,
    Name: input.Name.Default,
    NameTranslations: Object.fromEntries(input.Name.Translations.map((t) => [t.Language, t.Text])),
    ClientType: input.ClientType,
    ImpersonateLoginUrl: joinUrlList(input.ImpersonateLoginUrls),
    ImpersonateLogoutUrl: joinUrlList(input.ImpersonateLogoutUrls),
    ImpersonateAsInternalUserAllowed: input.ImpersonateAsInternalUserAllowed,
    ImpersonateAsCommunityUserAllowed: input.ImpersonateAsCommunityUserAllowed,
    SystemUserAllowed: input.SystemUserAllowed,
    SystemUserId: systemUserId,
    SystemUserLoginUrl: input.SystemUserLoginUrl,
    Scope: input.Scopes.length ? input.Scopes.join(" ") : null,
    AccessTokens: input.AccessTokens,
    BasicAuthenticationAllowed: input.BasicAuthenticationAllowed,
    IsEnabled: input.IsEnabled,
    Notes: input.Notes,
  } satisfies Prisma.TrustedApplicationUncheckedUpdateInput;
}

async function readRow(tx: Tx, id: string): Promise<AppRow | null> {
  const row = await tx.trustedApplication.findUnique({ where: { Id: id }, select: APP_SELECT });
  if (!row) return null;
  const withSecret = await tx.trustedApplication.count({ where: { Id: id, ApplicationSecretHash: { not: null } } });
  return { ...row, HasApplicationSecret: withSecret > 0 };
}

function audit(
  tx: Tx,
  actor: AuditActor,
  action: string,
  target: { id: string; label: string },
  diff: FieldDiff,
  snapshot: TrustedApplicationInput | null,
  review?: SaveReview,
) {
  return writeAuditEvent(tx, actor, {
    action,
    targetType: "TrustedApplication",
    targetId: target.id,
    targetLabel: target.label,
    diff,
    snapshot,
    acknowledged: review?.acknowledged,
    justification: review?.justification,
  });
}

function conflictMessage(row: { UpdatedBy: string | null; UpdatedUtc: Date }): string {
  return `This application was changed by ${row.UpdatedBy ?? "someone else"} at ${row.UpdatedUtc.toISOString()}. Reload to see their change; your edits were not saved.`;
}

function rethrowUnique(error: unknown, uri: string): never {
  if (isUniqueViolation(error)) {
    throw new MutationError("DUPLICATE", `An application with ApplicationUri "${uri}" already exists.`);
  }
  throw error;
}

/**
 * Secret columns for a client type: a Confidential client gets a secret generated when it has
 * none (returned once), a Public client keeps none (seed 002: "Only Confidential clients can
 * have secrets").
 */
function secretFor(clientType: TrustedApplicationInput["ClientType"], hasSecret: boolean) {
  if (clientType === "Public") {
    return hasSecret
      ? { secret: undefined, data: { ApplicationSecretHash: null, ApplicationSecretCreatedUtc: null, PreviousSecretHash: null, PreviousSecretCreatedUtc: null, PreviousSecretExpiresUtc: null }, change: "removed" }
      : { secret: undefined, data: {}, change: null };
  }
  if (hasSecret) return { secret: undefined, data: {}, change: null };
  const secret = generateClientSecret();
  return { secret, data: { ApplicationSecretHash: hashSecret(secret), ApplicationSecretCreatedUtc: new Date() }, change: "generated" };
}

async function createInTx(tx: Tx, actor: AuditActor, input: TrustedApplicationInput, review?: SaveReview, action = "app.create", creationTimeUtc?: Date) {
  const systemUserId = await resolveSystemUser(tx, input.SystemUserLogin);
  // An import never brings a secret; the admin rotates one when the app moves in.
  const secret = action === "app.import" ? { secret: undefined, data: {}, change: null } : secretFor(input.ClientType, false);
  const created = await tx.trustedApplication.create({
    data: {
      ...inputToData(input, systemUserId),
      ...secret.data,
      UpdatedBy: actor.login,
      ...(creationTimeUtc ? { CreationTimeUtc: creationTimeUtc } : {}),
    },
    select: { Id: true, Version: true },
  });
  const diff = diffSnapshots(null, { ...input });
  if (secret.change) diff.ApplicationSecret = { from: null, to: secret.change };
  await audit(tx, actor, action, { id: created.Id, label: input.ApplicationUri }, diff, input, review);
  return { ...created, secret: secret.secret };
}

export async function createApp(db: Db, actor: AuditActor, input: TrustedApplicationInput, review?: SaveReview) {
  try {
    return await db.$transaction((tx) => createInTx(tx, actor, input, review));
  } catch (error) {
    rethrowUnique(error, input.ApplicationUri);
  }
}

async function updateInTx(
  tx: Tx,
  actor: AuditActor,
  id: string,
  expectedVersion: number | null,
  input: TrustedApplicationInput,
  review?: SaveReview,
  action = "app.update",
) {
  const before = await readRow(tx, id);
  if (!before) throw new MutationError("NOT_FOUND", "This application no longer exists.");
  const version = expectedVersion ?? before.Version;
  if (before.Version !== version) throw new MutationError("CONFLICT", conflictMessage(before));
  const systemUserId = await resolveSystemUser(tx, input.SystemUserLogin);
  const secret = action === "app.import" && input.ClientType === "Confidential"
    ? { secret: undefined, data: {}, change: null }
    : secretFor(input.ClientType, before.HasApplicationSecret);
  const diff = diffSnapshots({ ...rowToInput(before) }, { ...input });
  if (secret.change) diff.ApplicationSecret = { from: before.HasApplicationSecret ? "set" : null, to: secret.change };
  // Nothing changed: no new version, no audit event, nothing for other processes to reload.
  if (isEmptyDiff(diff)) return { Id: id, Version: version, diff, secret: undefined };
  const updated = await tx.trustedApplication.updateMany({
    where: { Id: id, Version: version },
    data: { ...inputToData(input, systemUserId), ...secret.data, Version: { increment: 1 }, UpdatedBy: actor.login, UpdatedUtc: new Date() },
  });
  if (updated.count === 0) {
    const now = await readRow(tx, id);
    throw new MutationError("CONFLICT", now ? conflictMessage(now) : "This application no longer exists.");
  }
  await audit(tx, actor, action, { id, label: input.ApplicationUri }, diff, input, review);
  return { Id: id, Version: version + 1, diff, secret: secret.secret };
}

/** Saves an edit made on `expectedVersion`; refuses with CONFLICT when someone saved in between. */
export async function updateApp(
  db: Db,
  actor: AuditActor,
  id: string,
  expectedVersion: number,
  input: TrustedApplicationInput,
  review?: SaveReview,
  action = "app.update",
) {
  try {
    return await db.$transaction((tx) => updateInTx(tx, actor, id, expectedVersion, input, review, action));
  } catch (error) {
    rethrowUnique(error, input.ApplicationUri);
  }
}

export interface ImportRecord {
  input: TrustedApplicationInput;
  creationTimeUtc?: Date;
}

/** Upserts by ApplicationUri, all in one transaction: every record or none. */
export async function importApps(db: Db, actor: AuditActor, records: readonly ImportRecord[]) {
  return db.$transaction(
    async (tx) => {
      const created: string[] = [];
      const updated: string[] = [];
      for (const { input, creationTimeUtc } of records) {
        const existing = await tx.trustedApplication.findUnique({ where: { ApplicationUri: input.ApplicationUri }, select: { Id: true } });
        if (existing) {
          await updateInTx(tx, actor, existing.Id, null, input, undefined, "app.import");
          updated.push(input.ApplicationUri);
        } else {
          await createInTx(tx, actor, input, undefined, "app.import", creationTimeUtc);
          created.push(input.ApplicationUri);
        }
      }
      return { created, updated };
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}

export const GRACE_PERIODS = { none: 0, "1h": 3600, "24h": 86_400, "7d": 604_800 } as const;
export type GracePeriod = keyof typeof GRACE_PERIODS;

/**
 * Generates a new secret (256 bits from crypto.randomBytes) and stores only its SHA-256.
 * The previous secret stays valid for the grace period (zero-downtime rotation). Returns the
 * plaintext once; it is never stored or logged.
 */
export async function rotateSecret(db: Db, actor: AuditActor, id: string, grace: GracePeriod) {
  const secret = generateClientSecret();
  const now = new Date();
  const result = await db.$transaction(async (tx) => {
    const current = await tx.trustedApplication.findUnique({
      where: { Id: id },
      select: { ApplicationUri: true, ClientType: true, ApplicationSecretHash: true, ApplicationSecretCreatedUtc: true },
    });
    if (!current) throw new MutationError("NOT_FOUND", "This application no longer exists.");
    if (current.ClientType !== "Confidential") {
      throw new MutationError("INVALID", "Only Confidential clients can have a secret (seed 002: \"Only Confidential clients can have secrets\").");
    }
    const keepPrevious = GRACE_PERIODS[grace] > 0 && current.ApplicationSecretHash !== null;
    const previousExpires = keepPrevious ? new Date(now.getTime() + GRACE_PERIODS[grace] * 1000) : null;
    const updated = await tx.trustedApplication.update({
      where: { Id: id },
      data: {
        ApplicationSecretHash: hashSecret(secret),
        ApplicationSecretCreatedUtc: now,
        PreviousSecretHash: keepPrevious ? current.ApplicationSecretHash : null,
        PreviousSecretCreatedUtc: keepPrevious ? current.ApplicationSecretCreatedUtc : null,
        PreviousSecretExpiresUtc: previousExpires,
        Version: { increment: 1 },
        UpdatedBy: actor.login,
        UpdatedUtc: now,
      },
      select: { Version: true },
    });
    await audit(tx, actor, "app.rotateSecret", { id, label: current.ApplicationUri }, {
      ApplicationSecret: { from: current.ApplicationSecretHash ? "set" : "none", to: "rotated" },
      PreviousSecretExpiresUtc: { from: null, to: previousExpires?.toISOString() ?? null },
    }, null);
    return { applicationUri: current.ApplicationUri, version: updated.Version, previousSecretExpiresUtc: previousExpires };
  });
  return { ...result, secret };
}

export async function setEnabled(db: Db, actor: AuditActor, id: string, enabled: boolean) {
  return db.$transaction(async (tx) => {
    const before = await tx.trustedApplication.findUnique({ where: { Id: id }, select: { ApplicationUri: true, IsEnabled: true } });
    if (!before) throw new MutationError("NOT_FOUND", "This application no longer exists.");
    if (before.IsEnabled === enabled) return { changed: false, applicationUri: before.ApplicationUri };
    await tx.trustedApplication.update({
      where: { Id: id },
      data: { IsEnabled: enabled, Version: { increment: 1 }, UpdatedBy: actor.login, UpdatedUtc: new Date() },
    });
    await audit(tx, actor, enabled ? "app.enable" : "app.disable", { id, label: before.ApplicationUri }, {
      IsEnabled: { from: before.IsEnabled, to: enabled },
    }, null);
    return { changed: true, applicationUri: before.ApplicationUri };
  });
}

/** Deletes an app; the caller must pass the ApplicationUri typed by the admin as confirmation. */
export async function deleteApp(db: Db, actor: AuditActor, id: string, confirmApplicationUri: string) {
  return db.$transaction(async (tx) => {
    const before = await readRow(tx, id);
    if (!before) throw new MutationError("NOT_FOUND", "This application no longer exists.");
    if (before.ApplicationUri !== confirmApplicationUri) {
      throw new MutationError("INVALID", "The typed ApplicationUri does not match; nothing was deleted.");
    }
    await tx.trustedApplication.delete({ where: { Id: id } });
    const snapshot = rowToInput(before);
    await audit(tx, actor, "app.delete", { id, label: before.ApplicationUri }, diffSnapshots({ ...snapshot }, null), snapshot);
    return { applicationUri: before.ApplicationUri };
  });
}

export async function findAppIdByUri(db: Db, applicationUri: string): Promise<string> {
  const id = await appIdForUri(db, applicationUri);
  if (id === null) throw new MutationError("NOT_FOUND", `No application with ApplicationUri "${applicationUri}".`);
  return id;
}
