// Brute-force protection for client authentication (RFC 6749 §2.3.1: the
// server "MUST protect any endpoint utilizing it against brute force attacks";
// RFC 6819 §5.1.4.2.3). In-memory, per process.
//
// Model, per key (e.g. "client:<id>", "ip:<addr>"):
// - failures are counted until a whole window passes without a new failure
//   (measured from the end of the last block, if there was one);
// - from the maxFailures-th failure on, each failure blocks the key for
//   baseDelayMs * 2^(failures - maxFailures), capped at maxBlockMs, so an
//   attacker slows down exponentially while the legitimate client is never
//   locked out for longer than maxBlockMs at a time;
// - a success clears the key.
//
// Use it like: check() every key before verifying the secret (answer with
// TooManyRequests if any is blocked), then recordFailure() or recordSuccess().
// Record client failures only for clients that exist, so unknown ids cannot
// fill the table, and do not clear the ip key on success of just any client.

export interface FailureLimiterOptions {
  /** Failures allowed before the first block. */
  maxFailures: number;
  /** A key is forgotten once this long has passed since its last failure and the end of its last block. */
  windowMs: number;
  /** Length of the first block. */
  baseDelayMs: number;
  /** Longest single block. */
  maxBlockMs: number;
  /** Most keys tracked at once; the least recently failed are evicted first (default 10,000). */
  maxKeys?: number;
  /** Clock in ms (default Date.now); injectable for tests. */
  now?: () => number;
}

export type LimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Entry {
  failures: number;
  lastFailureAt: number;
  blockedUntil: number;
}

const ALLOWED: LimitDecision = Object.freeze({ allowed: true });
// Beyond this the delay is capped anyway; keeps 2 ** n finite.
const MAX_EXPONENT = 40;
// How many of the oldest entries to inspect for expiry before evicting one.
const SWEEP_BATCH = 100;

export class FailureLimiter {
  private readonly maxFailures: number;
  private readonly windowMs: number;
  private readonly baseDelayMs: number;
  private readonly maxBlockMs: number;
  private readonly maxKeys: number;
  private readonly now: () => number;
  // Insertion order = order of last failure (entries are re-inserted on update).
  private readonly entries = new Map<string, Entry>();

  constructor(options: FailureLimiterOptions) {
    const positive = (name: string, v: number) => {
      if (!Number.isFinite(v) || v <= 0) throw new RangeError(`${name} must be a positive number`);
      return v;
    };
    this.maxFailures = Math.floor(positive("maxFailures", options.maxFailures));
    this.windowMs = positive("windowMs", options.windowMs);
    this.baseDelayMs = positive("baseDelayMs", options.baseDelayMs);
    this.maxBlockMs = positive("maxBlockMs", options.maxBlockMs);
    this.maxKeys = Math.floor(positive("maxKeys", options.maxKeys ?? 10_000));
    this.now = options.now ?? Date.now;
  }

  /** Number of keys currently tracked. */
  get size(): number {
    return this.entries.size;
  }

  // Forgotten a whole window after the last failure or, if later, the end of
  // the last block; measuring from the block's end keeps the back-off
  // escalating for an attacker who retries as soon as each block ends, even
  // once blocks grow longer than the window.
  private isExpired(entry: Entry, t: number): boolean {
    return entry.blockedUntil <= t && t - Math.max(entry.lastFailureAt, entry.blockedUntil) >= this.windowMs;
  }

  check(key: string): LimitDecision {
    const entry = this.entries.get(key);
    if (!entry) return ALLOWED;
    const t = this.now();
    if (entry.blockedUntil > t) {
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((entry.blockedUntil - t) / 1000)) };
    }
    if (this.isExpired(entry, t)) this.entries.delete(key);
    return ALLOWED;
  }

  recordFailure(key: string): void {
    const t = this.now();
    let entry = this.entries.get(key);
    if (entry && this.isExpired(entry, t)) entry = undefined;
    if (entry) {
      this.entries.delete(key); // re-inserted below, as the most recent
    } else {
      this.makeRoom(t);
      entry = { failures: 0, lastFailureAt: t, blockedUntil: 0 };
    }
    entry.failures += 1;
    entry.lastFailureAt = t;
    if (entry.failures >= this.maxFailures) entry.blockedUntil = Math.max(entry.blockedUntil, t + this.delayFor(entry.failures));
    this.entries.set(key, entry);
  }

  /**
   * The penalty the key's failures have earned, in ms, without blocking anything: 0 below
   * maxFailures, then baseDelayMs doubling per failure up to maxBlockMs. For a limiter used
   * to slow failures down rather than refuse (see BruteForceGuard's per-subject limiter).
   */
  penaltyMs(key: string): number {
    const entry = this.entries.get(key);
    if (!entry || this.isExpired(entry, this.now()) || entry.failures < this.maxFailures) return 0;
    return this.delayFor(entry.failures);
  }

  private delayFor(failures: number): number {
    const exponent = Math.min(failures - this.maxFailures, MAX_EXPONENT);
    return Math.min(this.baseDelayMs * 2 ** exponent, this.maxBlockMs);
  }

  recordSuccess(key: string): void {
    this.entries.delete(key);
  }

  /** Whether the key has failures on record (a success then has something to clear). */
  has(key: string): boolean {
    return this.entries.has(key);
  }

  private makeRoom(t: number): void {
    if (this.entries.size < this.maxKeys) return;
    // Prefer dropping entries that have expired anyway.
    let inspected = 0;
    for (const [k, e] of this.entries) {
      if (inspected++ >= SWEEP_BATCH) break;
      if (this.isExpired(e, t)) this.entries.delete(k);
    }
    // Still full: evict the least recently failed key.
    while (this.entries.size >= this.maxKeys) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}
