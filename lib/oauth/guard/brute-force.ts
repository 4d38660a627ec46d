// Brute-force protection of everything that checks a secret: client authentication at the
// token, introspection and revocation endpoints (RFC 6749 §2.3.1: the server "MUST protect
// any endpoint utilizing it against brute force attacks"; RFC 6819 §5.1.4.2.3) and the
// console's password sign-in. One implementation; each user of it has its own instance. In
// memory, per process.
//
// Three FailureLimiters (rate-limit.ts: failures counted over a window, then exponentially
// growing penalties, capped):
// - per subject and address ("<subject>@<address>"): from the 5th failure within 15 minutes
//   each further failure blocks that subject *from that address* for 1 s, 2 s, 4 s … at most
//   60 s; a success clears it. This is what refuses a guesser, and it cannot be used to lock
//   the real client (or console user) out from elsewhere.
// - per address ("ip:<address>"): from the 20th failure within 15 minutes, 1 s doubling up to
//   5 minutes; covers guessing across many subjects. Not cleared by a success.
// - per subject ("<subject>"): never refuses. From the 5th failure within 15 minutes each
//   further *failed* attempt is answered later (250 ms doubling up to 2 s), which slows a
//   guesser spread over many addresses while the right secret is answered at once.
// Subjects are tracked only when they exist (a registered client, a known login), so unknown
// ones cannot fill the tables; their failures still count per address.
// A refusal is TooManyRequests (429 + Retry-After, errors.ts), raised *before* the secret is
// checked, so a blocked guesser learns nothing and costs no hashing.
//
// Addresses are bucketed (addressBucket): an IPv6 client controls its whole /64, so the /64
// is what is counted; IPv4-mapped IPv6 counts as the IPv4 address.
//
// Across instances (several servers on one PostgreSQL, docs/deployment.md): a guard created
// with `sharedAs` announces each failure, and each success that clears failures, on the
// database's notification channel (setFailureBus, wired by lib/oauth/server.ts; PostgreSQL
// only), and applies those of the other instances to its own counters (applySharedFailure), so
// every instance counts every instance's failures and N instances do not allow N times the
// attempts. Only failures cost a database round trip (fire and forget); the success path of a
// subject without failures stays in memory. The bound: an instance sees another's failure once
// its NOTIFY arrives (milliseconds on one network), so an attacker racing requests at several
// instances at once gets at most the attempts in flight during that delay beyond the limit.
//
// The address (clientAddress) is the right-most X-Forwarded-For entry, else the TCP peer.
// Whether that header can be believed is decided once, at the production server's door
// (forwardedFor in node-adapter.ts): unless TRUST_PROXY declares a reverse proxy, it is
// overwritten with the peer for every request, ours and Next's. `next dev` keeps a
// client-sent header (development only).
import { TooManyRequests } from "../errors";
import type { OAuthRequest } from "../http/http";
import { FailureLimiter, type FailureLimiterOptions } from "./rate-limit";

const MINUTE = 60_000;

export const PAIR_LIMITS: FailureLimiterOptions = { maxFailures: 5, windowMs: 15 * MINUTE, baseDelayMs: 1000, maxBlockMs: MINUTE };
export const ADDRESS_LIMITS: FailureLimiterOptions = { maxFailures: 20, windowMs: 15 * MINUTE, baseDelayMs: 1000, maxBlockMs: 5 * MINUTE };
export const SUBJECT_SLOWDOWN: FailureLimiterOptions = { maxFailures: 5, windowMs: 15 * MINUTE, baseDelayMs: 250, maxBlockMs: 2000 };

export interface BruteForceGuardOptions {
  /** Per subject and address: refuses. */
  pair?: Partial<FailureLimiterOptions>;
  /** Per address: refuses. */
  address?: Partial<FailureLimiterOptions>;
  /** Per subject: slows failures down, never refuses. */
  subject?: Partial<FailureLimiterOptions>;
  /** What the subjects are, for the log detail ("client", "login"). */
  subjectName?: string;
  /** Counts failures with the other instances under this name (see the header comment). */
  sharedAs?: string;
}

/** Where shared failures are announced (lib/oauth/server.ts: pg_notify on the config channel). */
export interface FailureBus {
  publish(payload: string): void;
}

/** Prefix of a shared failure's notification payload. */
export const SHARED_FAILURE_PREFIX = "bf:";
/** This process, so that it skips its own announcements when they come back. */
const INSTANCE = `${process.pid}.${Math.random().toString(36).slice(2, 10)}`;

const shared = globalThis as unknown as { __tacSharedGuards?: Map<string, BruteForceGuard>; __tacFailureBus?: FailureBus | null };
shared.__tacSharedGuards ??= new Map();

/** Where this process's shared guards announce their failures; null stops announcing (embedded database). */
export function setFailureBus(bus: FailureBus | null): void {
  shared.__tacFailureBus = bus;
}

/**
 * Another instance's failure or clearing success (a notification payload starting with
 * SHARED_FAILURE_PREFIX), applied to the guard of the same name. Returns whether it was one.
 */
export function applySharedFailure(payload: string): boolean {
  if (!payload.startsWith(SHARED_FAILURE_PREFIX)) return false;
  try {
    const [name, instance, kind, bucket, subject] = JSON.parse(payload.slice(SHARED_FAILURE_PREFIX.length)) as [string, string, string, string, string | null];
    if (instance === INSTANCE) return true;
    const guard = shared.__tacSharedGuards!.get(name);
    if (kind === "f") guard?.record(bucket, subject);
    else if (kind === "s" && subject) guard?.clear(subject, bucket);
  } catch {
    // Not ours to understand: ignored.
  }
  return true;
}

export class BruteForceGuard {
  private readonly pairs: FailureLimiter;
  private readonly addresses: FailureLimiter;
  private readonly subjects: FailureLimiter;
  private readonly subjectName: string;

  constructor(options: BruteForceGuardOptions = {}) {
    this.pairs = new FailureLimiter({ ...PAIR_LIMITS, ...options.pair });
    this.addresses = new FailureLimiter({ ...ADDRESS_LIMITS, ...options.address });
    this.subjects = new FailureLimiter({ ...SUBJECT_SLOWDOWN, ...options.subject });
    this.subjectName = options.subjectName ?? "client";
    this.sharedAs = options.sharedAs;
    if (this.sharedAs) shared.__tacSharedGuards!.set(this.sharedAs, this);
  }

  private readonly sharedAs: string | undefined;

  private announce(kind: "f" | "s", bucket: string, subject: string | null): void {
    if (!this.sharedAs) return;
    shared.__tacFailureBus?.publish(SHARED_FAILURE_PREFIX + JSON.stringify([this.sharedAs, INSTANCE, kind, bucket, subject]));
  }

  /** A failure, counted here (own or announced by another instance). */
  record(bucket: string, existingSubject: string | null): void {
    this.addresses.recordFailure(`ip:${bucket}`);
    if (existingSubject === null) return;
    this.pairs.recordFailure(`${existingSubject}@${bucket}`);
    this.subjects.recordFailure(existingSubject);
  }

  /** A success that cleared a pair's failures (own or announced by another instance). */
  clear(subject: string, bucket: string): void {
    this.pairs.recordSuccess(`${subject}@${bucket}`);
  }

  /** Throws TooManyRequests while the address is blocked. */
  checkAddress(address: string): void {
    const d = this.addresses.check(`ip:${addressBucket(address)}`);
    if (!d.allowed) throw new TooManyRequests(`address ${address} is blocked after repeated failed authentications`, d.retryAfterSeconds);
  }

  /** Throws TooManyRequests while this (existing) subject is blocked from this address. */
  checkSubject(subject: string, address: string): void {
    const d = this.pairs.check(pairKey(subject, address));
    if (!d.allowed) {
      throw new TooManyRequests(`${this.subjectName} ${subject} is blocked from ${address} after repeated failed authentications`, d.retryAfterSeconds);
    }
  }

  /**
   * A failed authentication; `existingSubject` only when the subject exists. Returns how long
   * (ms) the caller should hold the failure's answer back (the per-subject slow-down).
   */
  failed(address: string, existingSubject: string | null): number {
    const bucket = addressBucket(address);
    this.record(bucket, existingSubject);
    this.announce("f", bucket, existingSubject);
    return existingSubject === null ? 0 : this.subjects.penaltyMs(existingSubject);
  }

  succeeded(subject: string, address: string): void {
    const key = pairKey(subject, address);
    if (!this.pairs.has(key)) return; // nothing to clear: the hot path
    this.pairs.recordSuccess(key);
    this.announce("s", addressBucket(address), subject);
  }
}

/**
 * The identity server's user sign-in: the same guard, counting users (by id) instead of clients,
 * sized for people. A user who mistypes is slowed, never refused, for their first 10 failures
 * from one address (per user 250 ms doubling to 2 s from the 3rd failure); from the 11th, that
 * user is refused from that address for 5 s, doubling to 15 minutes, and an address with 20
 * failures across users likewise. Nobody elsewhere is ever locked out by a guesser.
 */
export const USER_SIGN_IN_LIMITS: BruteForceGuardOptions = {
  pair: { maxFailures: 10, baseDelayMs: 5000, maxBlockMs: 15 * MINUTE },
  address: { maxFailures: 20, baseDelayMs: 5000, maxBlockMs: 15 * MINUTE },
  subject: { maxFailures: 2 },
  subjectName: "user",
};

// One per process, whichever Next bundle asks (each has its own copy of this module).
const holder = globalThis as unknown as { __tacUserSignInGuard?: BruteForceGuard };
export function userSignInGuard(): BruteForceGuard {
  return (holder.__tacUserSignInGuard ??= new BruteForceGuard({ ...USER_SIGN_IN_LIMITS, sharedAs: "user" }));
}

function pairKey(subject: string, address: string): string {
  return `${subject}@${addressBucket(address)}`;
}

/** Waits `ms` (the slow-down a failure earned); resolves at once for 0. */
export function holdBack(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

/** The caller's address, for the per-address limit (see the header comment). */
export function clientAddress(request: Pick<OAuthRequest, "header" | "peerAddress">): string {
  const forwarded = request.header("x-forwarded-for");
  const last = forwarded ? forwarded.slice(forwarded.lastIndexOf(",") + 1).trim() : request.peerAddress;
  if (!last) return "unknown";
  // Bounded and printable: it ends up in keys and log lines.
  return /^[0-9A-Za-z.:[\]%_-]{1,64}$/.test(last) ? last : "invalid";
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const HEXTET = /^[0-9a-f]{1,4}$/;

/**
 * The unit an address is counted in: an IPv4 address as it is; an IPv6 address as its /64
 * ("2001:db8:1:2::/64"), since one subscriber is usually given a whole /64 (RFC 6177 §3) and
 * could otherwise rotate through 2^64 addresses; an IPv4-mapped IPv6 address (::ffff:a.b.c.d,
 * what a dual-stack socket reports) as its IPv4 address. Anything else is returned unchanged.
 */
export function addressBucket(address: string): string {
  // Asked up to three times per request for the same few addresses: remembered.
  const known = buckets.get(address);
  if (known !== undefined) return known;
  const bucket = computeBucket(address);
  if (buckets.size >= 1000) buckets.clear();
  buckets.set(address, bucket);
  return bucket;
}

const buckets = new Map<string, string>();

function computeBucket(address: string): string {
  let a = address.toLowerCase();
  if (a.startsWith("[") && a.endsWith("]")) a = a.slice(1, -1);
  const zone = a.indexOf("%");
  if (zone !== -1) a = a.slice(0, zone);
  if (!a.includes(":")) return address;
  const hextets = expandIpv6(a);
  if (hextets === null) return address;
  const n = hextets.map((h) => parseInt(h, 16));
  if (n.slice(0, 5).every((x) => x === 0) && n[5] === 0xffff) {
    return [n[6]! >> 8, n[6]! & 0xff, n[7]! >> 8, n[7]! & 0xff].join(".");
  }
  return `${n.slice(0, 4).map((x) => x.toString(16)).join(":")}::/64`;
}

/** The eight hextets of an IPv6 literal (an embedded IPv4 tail counts as two), or null. */
function expandIpv6(a: string): string[] | null {
  const halves = a.split("::");
  if (halves.length > 2) return null;
  const parse = (part: string): string[] | null => {
    if (part === "") return [];
    const out: string[] = [];
    const pieces = part.split(":");
    for (let i = 0; i < pieces.length; i++) {
      const p = pieces[i]!;
      if (i === pieces.length - 1 && IPV4.test(p)) {
        const [b1, b2, b3, b4] = p.split(".").map(Number) as [number, number, number, number];
        out.push(((b1 << 8) | b2).toString(16), ((b3 << 8) | b4).toString(16));
      } else if (HEXTET.test(p)) out.push(p);
      else return null;
    }
    return out;
  };
  const head = parse(halves[0]!);
  const tail = halves.length === 2 ? parse(halves[1]!) : [];
  if (head === null || tail === null) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  return [...head, ...new Array<string>(missing).fill("0"), ...tail];
}
