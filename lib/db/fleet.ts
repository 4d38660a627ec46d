// The linted fleet: every app with its policy findings, computed once and shared by the apps
// list (filter by worst finding), the review dashboard and the per-app page. Rebuilt before
// the next read after any change made through this process (invalidateFleet). Otherwise it
// is refreshed in the background once older than MAX_AGE_MS (secret ages move with time,
// and another process, such as the CLI on PostgreSQL, may have changed apps): readers keep
// getting the previous fleet meanwhile. A fleet older than MAX_STALE_MS (an idle server) is
// rebuilt before it is served.
// Rebuilding 10,000 apps takes about a second (docs/benchmarks.md), mostly CPU on this
// thread (PGlite runs in-process, lintFleet is synchronous): the background refresh starts
// only after the request that noticed the age has been answered, and the lint yields to the
// event loop between chunks so that other requests are not held up for the whole rebuild.
import { policyOptions } from "@/lib/env";
import { buildFleetFacts, lintApp, worstSeverity } from "@/lib/policy";
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
const MAX_STALE_MS = 5 * 60_000;

const state = globalThis as unknown as { __tacFleet?: { fleet?: Promise<Fleet>; refreshing?: Promise<unknown>; generation: number } };
state.__tacFleet ??= { generation: 0 };
const holder = state.__tacFleet;

/** Marks the cached fleet stale; the next reader rebuilds it. */
export function invalidateFleet(): void {
  holder.generation++;
  holder.fleet = undefined;
}

const LINT_CHUNK = 1000;
const REFRESH_DELAY_MS = 250;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** What lintFleet computes, in chunks with a yield between them. */
async function build(db: Db): Promise<Fleet> {
  const rows = await listAllApps(db);
  const apps = rows.map(toPolicyApp);
  const opts = { ...policyOptions(), fleet: buildFleetFacts(apps) };
  const entries: FleetEntry[] = new Array(rows.length);
  for (let start = 0; start < rows.length; start += LINT_CHUNK) {
    if (start > 0) await yieldToEventLoop();
    const end = Math.min(start + LINT_CHUNK, rows.length);
    for (let i = start; i < end; i++) {
      const findings = lintApp(apps[i]!, opts);
      entries[i] = { row: rows[i]!, findings, worst: worstSeverity(findings) };
    }
  }
  return { entries, byId: new Map(entries.map((e) => [e.row.Id, e])), builtAt: Date.now() };
}

/** Rebuilds in the background; the result replaces the cache unless a change landed meanwhile. */
function refresh(db: Db, stale: Promise<Fleet>): void {
  if (holder.refreshing) return;
  const generation = holder.generation;
  holder.refreshing = new Promise<void>((resolve) => {
    // Started after the current request is answered, not in its way.
    setTimeout(() => {
      build(db)
        .then(
          (fleet) => {
            if (generation === holder.generation && holder.fleet === stale) holder.fleet = Promise.resolve(fleet);
          },
          () => {}, // keep serving the previous fleet; a later read retries
        )
        .finally(() => {
          holder.refreshing = undefined;
          resolve();
        });
    }, REFRESH_DELAY_MS).unref?.();
  });
}

export async function getFleet(db: Db): Promise<Fleet> {
  const cached = holder.fleet;
  if (cached) {
    const fleet = await cached.catch(() => undefined);
    const age = fleet ? Date.now() - fleet.builtAt : Infinity;
    if (fleet && age < MAX_AGE_MS) return fleet;
    if (fleet && age < MAX_STALE_MS && holder.fleet === cached) {
      refresh(db, cached);
      return fleet;
    }
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
