// Prometheus metrics (prom-client, text format at GET /metrics when METRICS_TOKEN is set; see
// metricsEndpoint). Counted where things happen, synchronously and cheaply (a label set's child
// is looked up once and kept): tokens issued per grant and client type, refusals per OAuth error
// and policy rule id, the identity endpoints' latency, cache invalidations received, brute-force
// throttles, and the database pool's use, read when scraped.
import { createHash, timingSafeEqual } from "node:crypto";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

interface Metrics {
  registry: Registry;
  tokens: Counter<"grant" | "client_type">;
  refusals: Counter<"endpoint" | "error" | "rule">;
  latency: Histogram<"endpoint" | "status">;
  invalidations: Counter<"kind">;
  throttles: Counter<"guard">;
  children: Map<string, { inc(): void } | { observe(v: number): void }>;
  poolStats?: () => { total: number; idle: number; waiting: number };
}

function create(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "tac_" });
  const m: Metrics = {
    registry,
    tokens: new Counter({ name: "tac_tokens_issued_total", help: "Access tokens issued, by grant type and client type", labelNames: ["grant", "client_type"], registers: [registry] }),
    refusals: new Counter({ name: "tac_oauth_refusals_total", help: "Requests refused, by endpoint, OAuth error code and policy rule id (\"none\" without one)", labelNames: ["endpoint", "error", "rule"], registers: [registry] }),
    latency: new Histogram({
      name: "tac_oauth_request_duration_seconds",
      help: "Time to answer the identity endpoints served at the production server's door (token, introspection, revocation, userinfo)",
      labelNames: ["endpoint", "status"],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    invalidations: new Counter({ name: "tac_cache_invalidations_total", help: "Change notifications received (NOTIFY tac_config_changed), by kind", labelNames: ["kind"], registers: [registry] }),
    throttles: new Counter({ name: "tac_bruteforce_throttles_total", help: "Requests refused by a brute-force limit, by guard", labelNames: ["guard"], registers: [registry] }),
    children: new Map(),
  };
  new Gauge({
    name: "tac_db_pool_connections",
    help: "PostgreSQL pool connections by state (total, idle, waiting clients); absent on the embedded database",
    labelNames: ["state"],
    registers: [registry],
    collect() {
      const stats = m.poolStats?.();
      if (!stats) return;
      this.set({ state: "total" }, stats.total);
      this.set({ state: "idle" }, stats.idle);
      this.set({ state: "waiting" }, stats.waiting);
    },
  });
  return m;
}

// One registry per process, whichever Next bundle asks.
const holder = globalThis as unknown as { __tacMetrics?: Metrics };
export function metrics(): Metrics {
  return (holder.__tacMetrics ??= create());
}

function child<T>(key: string, make: () => T): T {
  const m = metrics();
  let c = m.children.get(key) as T | undefined;
  if (c === undefined) {
    c = make();
    m.children.set(key, c as never);
  }
  return c;
}

export function countTokenIssued(grant: string, clientType: string): void {
  child(`t|${grant}|${clientType}`, () => metrics().tokens.labels(grant, clientType)).inc();
}

export function countRefusal(endpoint: string, error: string, rule: string | undefined): void {
  child(`r|${endpoint}|${error}|${rule ?? ""}`, () => metrics().refusals.labels(endpoint, error, rule ?? "none")).inc();
}

const ENDPOINT_LABEL: Record<string, string> = {
  "/id/connect/token": "token",
  "/id/connect/introspect": "introspection",
  "/id/connect/revocation": "revocation",
  "/id/connect/userinfo": "userinfo",
};

export function observeRequest(path: string, status: number, seconds: number): void {
  const endpoint = ENDPOINT_LABEL[path];
  if (!endpoint) return; // health checks are not measured
  child(`l|${endpoint}|${status}`, () => metrics().latency.labels(endpoint, String(status))).observe(seconds);
}

export function countInvalidation(kind: string): void {
  child(`i|${kind}`, () => metrics().invalidations.labels(kind)).inc();
}

export function countThrottle(guard: string): void {
  child(`b|${guard}`, () => metrics().throttles.labels(guard)).inc();
}

export function setPoolStats(stats: (() => { total: number; idle: number; waiting: number }) | undefined): void {
  metrics().poolStats = stats;
}

/** The kind of a tac_config_changed payload, for the invalidations counter. */
export function notificationKind(payload: string): string {
  if (payload.startsWith("app:")) return "app";
  if (payload.startsWith("bf:")) return "bruteforce";
  return payload === "keys" || payload === "users" ? payload : "other";
}

/**
 * Whether `authorization` carries the bearer token `expected` (RFC 6750 §2.1), compared in
 * constant time (over the SHA-256 of each, so lengths do not leak either).
 */
export function metricsAuthorized(authorization: string | null, expected: string): boolean {
  const match = /^Bearer ([^\s]+)$/i.exec(authorization ?? "");
  const given = createHash("sha256").update(match?.[1] ?? "").digest();
  const wanted = createHash("sha256").update(expected).digest();
  return timingSafeEqual(given, wanted) && match !== null;
}
