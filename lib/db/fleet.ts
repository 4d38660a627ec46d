// The linted fleet: every app with its policy findings, computed once and shared by the apps
// list (filter by worst finding), the review dashboard and the per-app page. After a change
// to some apps made through this process (invalidateFleet(ids)), the next read patches it:
// those apps are read again and linted; the apps that share a SystemUser or a redirect URI
// with their previous or new version (fleetNeighbours) get the fleet rules run again
// (relintFleetRules); every other entry is kept. invalidateFleet() without ids rebuilds it
// before the next read. Otherwise it is refreshed in the background once older than
// MAX_AGE_MS (secret ages move with time, and another process, such as the CLI on
// PostgreSQL, may have changed apps): readers keep getting the previous fleet meanwhile. A fleet older than MAX_STALE_MS (an idle server) is
// rebuilt before it is served.
// Rebuilding 10,000 apps takes about a second (docs/benchmarks.md), mostly CPU on this
// thread (PGlite runs in-process, lintFleet is synchronous): the background refresh starts
// only after the request that noticed the age has been answered, and the lint yields to the
// event loop between chunks so that other requests are not held up for the whole rebuild.
import { policyOptions } from "@/lib/env";
import { buildFleetFacts, fleetNeighbours, lintApp, relintFleetRules, worstSeverity } from "@/lib/policy";
import type { Finding, PolicyApp, Severity } from "@/lib/policy/types";
import type { Db } from "./client";
import { listAllApps, listAppsByIds, toPolicyApp, type AppRow } from "./apps";

export interface FleetEntry {
  row: AppRow;
  /** The policy's view of the row (kept, so that a patch re-lints without converting again). */
  app: PolicyApp;
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

const state = globalThis as unknown as {
  __tacFleet?: { fleet?: Promise<Fleet>; refreshing?: Promise<unknown>; generation: number; dirty: Set<string> };
};
state.__tacFleet ??= { generation: 0, dirty: new Set() };
const holder = state.__tacFleet;

/**
 * After a change: with the ids of the apps that changed (created, edited, deleted), the next
 * reader patches the cached fleet; without, it rebuilds the whole fleet.
 */
export function invalidateFleet(changedAppIds?: readonly string[]): void {
  if (changedAppIds && holder.fleet) {
    for (const id of changedAppIds) holder.dirty.add(id);
    return;
  }
  holder.generation++;
  holder.dirty.clear();
  holder.fleet = undefined;
}

/**
 * A change notified by PostgreSQL (NOTIFY tac_config_changed 'app:<ApplicationUri>', sent for the
 * old and the new ApplicationUri of a rename, by whichever process or instance made it: the CLI,
 * another server): the app's entry is patched on the next read, as after a change made here. An
 * app the fleet does not hold yet (created elsewhere) is looked up by its ApplicationUri first.
 * Wired by lib/oauth/server.ts, whose listener receives the notifications.
 */
export function invalidateFleetApp(applicationUri: string, findId: (applicationUri: string) => Promise<string | null>): void {
  const current = holder.fleet;
  if (!current) return; // nothing built yet: the next read builds from the database anyway
  void current.then(
    async (fleet) => {
      const known = fleet.entries.find((e) => e.row.ApplicationUri === applicationUri);
      const id = known?.row.Id ?? (await findId(applicationUri));
      if (id) invalidateFleet([id]);
    },
    () => {},
  ).catch(() => invalidateFleet()); // the lookup failed: rebuild rather than miss the change
}

const LINT_CHUNK = 1000;
const REFRESH_DELAY_MS = 250;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** By ApplicationUri in code-point order, whatever the database's collation: a patch keeps the same order. */
const byApplicationUri = (a: { ApplicationUri: string }, b: { ApplicationUri: string }) =>
  a.ApplicationUri < b.ApplicationUri ? -1 : a.ApplicationUri > b.ApplicationUri ? 1 : 0;

/** What lintFleet (lib/policy) computes, in chunks with a yield between them. */
async function build(db: Db): Promise<Fleet> {
  const rows = (await listAllApps(db)).sort(byApplicationUri);
  const apps = rows.map(toPolicyApp);
  const opts = { ...policyOptions(), fleet: buildFleetFacts(apps) };
  const entries: FleetEntry[] = new Array(rows.length);
  for (let start = 0; start < rows.length; start += LINT_CHUNK) {
    if (start > 0) await yieldToEventLoop();
    const end = Math.min(start + LINT_CHUNK, rows.length);
    for (let i = start; i < end; i++) {
      const findings = lintApp(apps[i]!, opts);
      entries[i] = { row: rows[i]!, app: apps[i]!, findings, worst: worstSeverity(findings) };
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

/** The fleet with the apps `ids` read again; only they and their fleet neighbours are linted again. */
async function patch(db: Db, base: Fleet, ids: readonly string[]): Promise<Fleet> {
  const changed = new Map((await listAppsByIds(db, ids)).map((row) => [row.Id, row]));
  const changedIds = new Set(ids);
  const touched: PolicyApp[] = []; // previous and new versions
  const entries: FleetEntry[] = [];
  const add = (row: AppRow) => {
    const app = toPolicyApp(row);
    touched.push(app);
    entries.push({ row, app, findings: [], worst: null }); // linted below
  };
  let renamed = false;
  for (const entry of base.entries) {
    if (!changedIds.has(entry.row.Id)) {
      entries.push(entry);
      continue;
    }
    touched.push(entry.app);
    const row = changed.get(entry.row.Id);
    if (!row) continue; // deleted
    add(row);
    if (row.ApplicationUri !== entry.row.ApplicationUri) renamed = true;
  }
  const created = [...changed.values()].filter((row) => !base.byId.has(row.Id));
  for (const row of created) add(row);
  // build()'s order: only a new app or a rename can break it.
  if (created.length > 0 || renamed) entries.sort((a, b) => byApplicationUri(a.row, b.row));

  const facts = buildFleetFacts(entries.map((e) => e.app));
  // Changed apps are linted in full; their neighbours only by the rules that read the fleet.
  const neighbours = new Set<string>();
  for (const app of touched) for (const uri of fleetNeighbours(app, facts)) neighbours.add(uri);
  const opts = { ...policyOptions(), fleet: facts };
  const patched = entries.map((entry) => {
    let findings: Finding[];
    if (changed.has(entry.row.Id)) findings = lintApp(entry.app, opts);
    else if (neighbours.has(entry.row.ApplicationUri)) findings = relintFleetRules(entry.findings, entry.app, opts);
    else return entry;
    return { ...entry, findings, worst: worstSeverity(findings) };
  });
  return { entries: patched, byId: new Map(patched.map((e) => [e.row.Id, e])), builtAt: base.builtAt };
}

export async function getFleet(db: Db): Promise<Fleet> {
  if (holder.fleet && holder.dirty.size > 0) {
    const ids = [...holder.dirty];
    holder.dirty.clear();
    const base = holder.fleet;
    // A base too old to serve (an idle server), or one that failed to build, is rebuilt instead.
    const pending = base.then(
      (fleet) => (Date.now() - fleet.builtAt < MAX_STALE_MS ? patch(db, fleet, ids) : build(db)),
      () => build(db),
    );
    holder.fleet = pending;
    pending.catch(() => {
      // Whatever failed, the next reader starts afresh.
      if (holder.fleet === pending) holder.fleet = undefined;
    });
    return pending;
  }
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
