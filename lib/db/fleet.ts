// The linted fleet: every app with its policy findings, computed once and shared by the apps
// list (filter by worst finding), the review dashboard and the per-app page. Rebuilt after
// any change made through this process, on a change notification from another process (when
// the connection can listen), and at the latest after MAX_AGE_MS (secret ages move with time).
import { policyOptions } from "@/lib/env";
import { lintFleet, worstSeverity } from "@/lib/policy";
import type { Finding, Severity } from "@/lib/policy/types";
import type { Db } from "./client";
import { listAllApps, toPolicyApp, type AppRow } from "./apps";

export interface FleetEntry {
  row: AppRow;
  findings: Finding[];
  worst: Severity | null;
}

export interface Fleet {
  entries: FleetEntry[];
  byId: Map<string, FleetEntry>;
  builtAt: number;
}

const MAX_AGE_MS = 30_000;

const state = globalThis as unknown as { __tacFleet?: { fleet?: Promise<Fleet>; generation: number } };
state.__tacFleet ??= { generation: 0 };
const holder = state.__tacFleet;

/** Marks the cached fleet stale; the next reader rebuilds it. */
export function invalidateFleet(): void {
  holder.generation++;
  holder.fleet = undefined;
}

async function build(db: Db): Promise<Fleet> {
  const rows = await listAllApps(db);
  const linted = lintFleet(rows.map(toPolicyApp), policyOptions());
  const entries = rows.map((row, i) => {
    const findings = linted[i]!.findings;
    return { row, findings, worst: worstSeverity(findings) };
  });
  return { entries, byId: new Map(entries.map((e) => [e.row.Id, e])), builtAt: Date.now() };
}

export async function getFleet(db: Db): Promise<Fleet> {
  const cached = holder.fleet;
  if (cached) {
    const fleet = await cached.catch(() => undefined);
    if (fleet && Date.now() - fleet.builtAt < MAX_AGE_MS) return fleet;
  }
  const generation = holder.generation;
  const pending = build(db);
  holder.fleet = pending;
  pending.catch(() => {
    if (holder.fleet === pending) holder.fleet = undefined;
  });
  const fleet = await pending;
  // A change landed while building: serve this result once, rebuild next time.
  if (generation !== holder.generation && holder.fleet === pending) holder.fleet = undefined;
  return fleet;
}
