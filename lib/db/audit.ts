// Data access for the audit log: events are written with each mutation, in its transaction
// (writeAuditEvent), and read by the audit page and the per-app history.
import type { FieldDiff } from "@/lib/audit/diff";
import type { Db } from "./client";
import type { Prisma } from "./generated/client";

/** Who made a change: a console user, or the CLI / the seed (id null). */
export interface AuditActor {
  id: string | null;
  login: string;
}

export interface AuditEventInput {
  action: string;
  targetType: "TrustedApplication" | "User";
  targetId: string;
  targetLabel: string;
  /** Field diff; never a secret, hash or password (lib/audit/diff.ts drops such fields). */
  diff: FieldDiff;
  /** The target's non-secret state after the change (apps: restorable). */
  snapshot?: unknown;
  acknowledged?: readonly unknown[];
  justification?: string | null;
}

export async function writeAuditEvent(tx: Prisma.TransactionClient | Db, actor: AuditActor, event: AuditEventInput): Promise<void> {
  await tx.auditEvent.create({
    data: {
      ActorId: actor.id,
      ActorLogin: actor.login,
      Action: event.action,
      TargetType: event.targetType,
      TargetId: event.targetId,
      TargetLabel: event.targetLabel,
      Diff: event.diff as Prisma.InputJsonValue,
      Snapshot: (event.snapshot ?? undefined) as Prisma.InputJsonValue | undefined,
      Acknowledged: event.acknowledged?.length ? (event.acknowledged as unknown as Prisma.InputJsonValue) : undefined,
      Justification: event.justification || null,
    },
  });
}

export interface AuditQuery {
  targetId?: string;
  actor?: string;
  action?: string;
  q?: string;
  page?: number;
  pageSize?: number;
}

export const AUDIT_SELECT = {
  Id: true,
  TimeUtc: true,
  ActorLogin: true,
  Action: true,
  TargetType: true,
  TargetId: true,
  TargetLabel: true,
  Diff: true,
  Acknowledged: true,
  Justification: true,
} as const satisfies Prisma.AuditEventSelect;

export async function listAuditEvents(db: Db, query: AuditQuery = {}) {
  const pageSize = Math.min(Math.max(query.pageSize ?? 50, 1), 200);
  const page = Math.max(query.page ?? 1, 1);
  const where: Prisma.AuditEventWhereInput = {
    ...(query.targetId ? { TargetId: query.targetId } : {}),
    ...(query.actor ? { ActorLogin: query.actor } : {}),
    ...(query.action ? { Action: query.action } : {}),
    ...(query.q ? { TargetLabel: { contains: query.q, mode: "insensitive" } } : {}),
  };
  const [total, rows] = await Promise.all([
    db.auditEvent.count({ where }),
    db.auditEvent.findMany({
      where,
      select: { ...AUDIT_SELECT, Snapshot: !!query.targetId },
      orderBy: [{ TimeUtc: "desc" }, { Id: "desc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
    }),
  ]);
  return { total, page, pageSize, rows };
}

/** Actors and actions present in the log, for the filters. */
export async function auditFacets(db: Db) {
  const [actors, actions] = await Promise.all([
    db.auditEvent.findMany({ distinct: ["ActorLogin"], select: { ActorLogin: true }, orderBy: { ActorLogin: "asc" } }),
    db.auditEvent.findMany({ distinct: ["Action"], select: { Action: true }, orderBy: { Action: "asc" } }),
  ]);
  return { actors: actors.map((a) => a.ActorLogin), actions: actions.map((a) => a.Action) };
}

/** The snapshot an event recorded for an app, for "restore this version". */
export async function getAppSnapshot(db: Db, eventId: string, targetId: string) {
  const event = await db.auditEvent.findFirst({
    where: { Id: eventId, TargetId: targetId, TargetType: "TrustedApplication" },
    select: { Snapshot: true, TimeUtc: true, Action: true },
  });
  return event?.Snapshot ? event : null;
}
