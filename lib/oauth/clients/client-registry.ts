// The token endpoint's view of registered clients: configuration, secret hashes and
// policy findings, cached in process because a database read per request (~1.6 ms on
// PGlite) would dominate the endpoint's cost.
//
// Correctness of the cache (the IsEnabled kill switch must act at once):
// - A disabled app is never stored: every request for it reads the database again, so
//   re-enabling it also takes effect at once.
// - Entries are dropped on NOTIFY tac_config_changed ('app:<ApplicationUri>' for that app,
//   'users' for all, since a SystemUser may have been deactivated), whichever process or
//   instance made the change; and at once via invalidate() for writes in this process.
// - A load that was running when a notification arrived is returned to its waiting
//   requests but not stored (it may have read the row before the change committed).
// - Caching is on only while the LISTEN connection is up (setCaching): if it drops,
//   notifications may be missed, so every request reads the database until it is back.
// - Entries also expire after maxAgeMs, so time-dependent findings are recomputed.
// The remaining window is the delivery time of a NOTIFY after the writer's COMMIT
// (sub-millisecond on a local server); a request that starts in it sees the old row.
import type { Finding, PolicyApp } from "@/lib/policy/types";
import type { OAuthClientRecord } from "@/lib/db/oauth-clients";
import { secretMatchesAny } from "./secrets";

/** A client as the endpoint sees it. The hashes never leave this module except to verifySecret(). */
export interface RegisteredClient {
  /** The Trusted Application's Id (grants and codes are bound to it, not to the renamable client_id). */
  readonly id: string;
  readonly app: PolicyApp;
  /** lintApp() of the app, computed when it was loaded (clientFindings). */
  readonly findings: readonly Finding[];
  readonly secrets: {
    readonly current: string | null;
    readonly previous: string | null;
    /** ms since epoch; the previous secret is valid while now < this. */
    readonly previousExpiresMs: number;
  };
}

export interface ClientRegistryOptions {
  load: (clientId: string) => Promise<OAuthClientRecord | null>;
  /** The policy's findings for an app (see clientFindings in lib/oauth/grants/decision.ts). */
  lint: (app: PolicyApp) => Finding[];
  maxEntries?: number;
  maxAgeMs?: number;
  now?: () => number;
}

interface Entry {
  promise: Promise<RegisteredClient | null>;
  /** Cache generation the load started in; stale if it changed. */
  generation: number;
  expiresAt: number;
  /** The loaded client (or null: no such client), once the load has resolved and was kept. */
  settled?: { client: RegisteredClient | null };
}

export function toRegisteredClient(record: OAuthClientRecord, lint: (app: PolicyApp) => Finding[]): RegisteredClient {
  return {
    id: record.id,
    app: record.app,
    findings: lint(record.app),
    secrets: {
      current: record.secretHash,
      previous: record.previousSecretHash,
      previousExpiresMs: record.previousSecretExpiresUtc?.getTime() ?? 0,
    },
  };
}

/**
 * Whether `secret` is the client's current secret, or its previous one during the grace
 * period of a rotation. Constant time over both slots (secrets.ts).
 */
export function verifyClientSecret(client: RegisteredClient, secret: string, nowMs: number): boolean {
  const { current, previous, previousExpiresMs } = client.secrets;
  return secretMatchesAny(secret, [current, nowMs < previousExpiresMs ? previous : null]);
}

export class ClientRegistry {
  private readonly entries = new Map<string, Entry>();
  private readonly load: ClientRegistryOptions["load"];
  private readonly lint: ClientRegistryOptions["lint"];
  private readonly maxEntries: number;
  private readonly maxAgeMs: number;
  private readonly now: () => number;
  // Per-key generations are overkill: any notification bumps this, in-flight loads are not stored.
  private generation = 0;
  private caching = false;

  constructor(options: ClientRegistryOptions) {
    this.load = options.load;
    this.lint = options.lint;
    this.maxEntries = options.maxEntries ?? 10_000;
    this.maxAgeMs = options.maxAgeMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  /** Number of cached entries (tests, metrics). */
  get size(): number {
    return this.entries.size;
  }

  /** Turn caching on (the LISTEN connection is up) or off (it is down: read through). */
  setCaching(enabled: boolean): void {
    this.caching = enabled;
    this.invalidateAll();
  }

  /**
   * The cached answer for `clientId` without waiting, when there is one (the hot path saves a
   * promise); undefined: ask get().
   */
  peek(clientId: string): RegisteredClient | null | undefined {
    const hit = this.entries.get(clientId);
    if (!hit?.settled || hit.expiresAt <= this.now()) return undefined;
    return hit.settled.client;
  }

  /** The client registered as `clientId`, or null when there is none. */
  get(clientId: string): Promise<RegisteredClient | null> {
    const hit = this.entries.get(clientId);
    if (hit) {
      if (hit.expiresAt > this.now()) return hit.promise;
      this.entries.delete(clientId);
    }
    if (!this.caching) return this.fetch(clientId);

    const generation = this.generation;
    const entry: Entry = { promise: this.fetch(clientId), generation, expiresAt: this.now() + this.maxAgeMs };
    this.makeRoom();
    this.entries.set(clientId, entry); // concurrent requests share the load
    entry.promise.then(
      (client) => {
        // Never keep a disabled app; never keep a load that a notification overtook.
        const stale = this.generation !== generation || (client !== null && !client.app.IsEnabled);
        if (stale && this.entries.get(clientId) === entry) this.entries.delete(clientId);
        else if (!stale) entry.settled = { client };
      },
      () => {
        if (this.entries.get(clientId) === entry) this.entries.delete(clientId);
      },
    );
    return entry.promise;
  }

  /** Drop one client (same-process write, or NOTIFY 'app:<uri>'). */
  invalidate(clientId: string): void {
    this.generation++;
    this.entries.delete(clientId);
  }

  invalidateAll(): void {
    this.generation++;
    this.entries.clear();
  }

  /** Applies a tac_config_changed payload. Returns true when it concerned the clients. */
  applyNotification(payload: string): boolean {
    if (payload.startsWith("app:")) {
      this.invalidate(payload.slice(4));
      return true;
    }
    if (payload === "users") {
      this.invalidateAll();
      return true;
    }
    return false;
  }

  private async fetch(clientId: string): Promise<RegisteredClient | null> {
    const record = await this.load(clientId);
    return record ? toRegisteredClient(record, this.lint) : null;
  }

  private makeRoom(): void {
    while (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}
