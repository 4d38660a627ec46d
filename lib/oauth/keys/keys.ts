// Token signing keys (RFC 7517, RFC 7518 §3): generated on first start, stored in the
// database with the private key encrypted (key-encryption.ts), cached in process.
//
// Rotation without breaking anyone (the JWKS is what resource servers cache):
//   1. rotateSigningKey() stores a new key whose ActivatesUtc lies `announceSeconds` ahead
//      (default 1 h, longer than the JWKS Cache-Control max-age), so it is published in the
//      JWKS before any token is signed with it;
//   2. the current key gets RetiresUtc = the new key's ActivatesUtc and ExpiresUtc =
//      RetiresUtc + access-token lifetime + margin: it stays in the JWKS until the last
//      token it signed has expired, then it is deleted by the next rotation.
// The cache follows those timestamps on its own (it reloads at the next activation,
// retirement or expiry) and is dropped on a NOTIFY 'keys' from any process.
import {
  deleteExpiredSigningKeys,
  insertSigningKey,
  listSigningKeys,
  scheduleKeyRetirement,
  withSigningKeyLock,
  type SigningKeyRow,
} from "@/lib/db/signing-keys";
import type { Db } from "@/lib/db/client";
import { generateSigningKey, type PrivateSigningKey, type PublicJwk, type SigningAlg } from "../tokens/jwt";
import { decryptPrivateKey, encryptPrivateKey } from "./key-encryption";

export interface KeyConfig {
  /** Algorithm of newly generated keys. */
  alg: SigningAlg;
  /** TOKEN_KEY_ENCRYPTION_SECRET; undefined makes signing fail with a clear log line. */
  encryptionSecret: string | undefined;
  /** ACCESS_TOKEN_LIFETIME_SECONDS: how long a retired key must stay published. */
  accessTokenLifetimeSeconds: number;
}

/** Extra time a retired key stays published after its last token expired (clock skew). */
export const KEY_EXPIRY_MARGIN_SECONDS = 300;
/** Default lead time between announcing a key in the JWKS and signing with it. */
export const DEFAULT_ANNOUNCE_SECONDS = 3600;
/** The cache re-reads the keys at least this often, even without a notification. */
const MAX_CACHE_MS = 10 * 60_000;

export class KeyConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "KeyConfigurationError";
  }
}

/** The key that signs now: activated, not retired, not expired; the latest activation wins. */
export function activeKey(rows: readonly SigningKeyRow[], now: Date): SigningKeyRow | null {
  const t = now.getTime();
  let best: SigningKeyRow | null = null;
  for (const r of rows) {
    if (r.activatesUtc.getTime() > t) continue;
    if (r.retiresUtc && r.retiresUtc.getTime() <= t) continue;
    if (r.expiresUtc && r.expiresUtc.getTime() <= t) continue;
    if (!best || r.activatesUtc.getTime() > best.activatesUtc.getTime()) best = r;
  }
  return best;
}

/** Keys in the JWKS: every key not yet expired, including announced ones not yet active. */
export function publishedKeys(rows: readonly SigningKeyRow[], now: Date): SigningKeyRow[] {
  const t = now.getTime();
  return rows.filter((r) => !r.expiresUtc || r.expiresUtc.getTime() > t);
}

/** When the selection above next changes on its own (ms since epoch). */
function nextChange(rows: readonly SigningKeyRow[], now: Date): number {
  const t = now.getTime();
  let next = t + MAX_CACHE_MS;
  for (const r of rows) {
    for (const d of [r.activatesUtc, r.retiresUtc, r.expiresUtc]) {
      if (d && d.getTime() > t && d.getTime() < next) next = d.getTime();
    }
  }
  return next;
}

function requireSecret(config: KeyConfig): string {
  if (!config.encryptionSecret) {
    throw new KeyConfigurationError(
      "TOKEN_KEY_ENCRYPTION_SECRET is not set: signing keys cannot be stored or used (see .env.example)",
    );
  }
  return config.encryptionSecret;
}

function newKeyRow(config: KeyConfig, alg: SigningAlg, activatesUtc: Date) {
  const key = generateSigningKey(alg);
  return {
    kid: key.kid,
    alg,
    publicJwk: key.publicJwk,
    privateKeyEncrypted: encryptPrivateKey(key.privateKeyPem, requireSecret(config)),
    activatesUtc,
    retiresUtc: null,
    expiresUtc: null,
  };
}

/**
 * Makes sure a key is active now: on first start (or after every key expired) one is
 * generated and activated at once. Under an advisory lock, so concurrent instances agree.
 */
export async function ensureActiveSigningKey(db: Db, config: KeyConfig, now = new Date()): Promise<string> {
  return withSigningKeyLock(db, async (tx) => {
    const active = activeKey(await listSigningKeys(tx), now);
    if (active) return active.kid;
    const row = newKeyRow(config, config.alg, now);
    await insertSigningKey(tx, { ...row, createdUtc: now });
    return row.kid;
  });
}

export interface RotateOptions {
  now?: Date;
  /** Seconds between publishing the new key and signing with it (default 3600; 0 = at once, e.g. after a compromise). */
  announceSeconds?: number;
  /** Algorithm of the new key (default: the configured one). */
  alg?: SigningAlg;
}

export interface RotationResult {
  kid: string;
  alg: SigningAlg;
  activatesUtc: Date;
  retired: { kid: string; retiresUtc: Date; expiresUtc: Date } | null;
  deletedExpired: number;
}

/**
 * Rotates the signing key (see the header comment). Callable from the CLI
 * (lib/cli/commands/rotate-key.ts). Refuses while an announced key is still pending.
 */
export async function rotateSigningKey(db: Db, config: KeyConfig, options: RotateOptions = {}): Promise<RotationResult> {
  const now = options.now ?? new Date();
  const announceSeconds = options.announceSeconds ?? DEFAULT_ANNOUNCE_SECONDS;
  if (!Number.isFinite(announceSeconds) || announceSeconds < 0) throw new RangeError("announceSeconds must be >= 0");
  const alg = options.alg ?? config.alg;
  return withSigningKeyLock(db, async (tx) => {
    const rows = await listSigningKeys(tx);
    const pending = rows.find((r) => r.activatesUtc.getTime() > now.getTime());
    if (pending) {
      throw new KeyConfigurationError(
        `key ${pending.kid} is already announced and activates at ${pending.activatesUtc.toISOString()}; rotate again after that`,
      );
    }
    const current = activeKey(rows, now);
    const activatesUtc = new Date(now.getTime() + announceSeconds * 1000);
    const row = newKeyRow(config, alg, activatesUtc);
    await insertSigningKey(tx, { ...row, createdUtc: now });
    let retired: RotationResult["retired"] = null;
    if (current) {
      const expiresUtc = new Date(
        activatesUtc.getTime() + (config.accessTokenLifetimeSeconds + KEY_EXPIRY_MARGIN_SECONDS) * 1000,
      );
      await scheduleKeyRetirement(tx, current.kid, activatesUtc, expiresUtc);
      retired = { kid: current.kid, retiresUtc: activatesUtc, expiresUtc };
    }
    const deletedExpired = await deleteExpiredSigningKeys(tx, now);
    return { kid: row.kid, alg, activatesUtc, retired, deletedExpired };
  });
}

/** What the endpoints need, decrypted and indexed once per change. */
export interface KeySet {
  /** Signs new tokens. */
  signing: PrivateSigningKey;
  /** The JWKS (RFC 7517 §5). */
  jwks: { keys: PublicJwk[] };
  /** Published public keys by kid, for introspection. */
  byKid: ReadonlyMap<string, PublicJwk>;
}

/**
 * In-process cache of the key set. `current()` costs a resolved promise on the hot path;
 * the set is reloaded when a key activates, retires or expires, and on invalidate().
 */
export class KeyStore {
  private cached: { promise: Promise<KeySet>; until: number; generation: number; set?: KeySet } | null = null;
  private generation = 0;

  constructor(
    private readonly db: Db,
    private readonly config: KeyConfig,
    private readonly now: () => number = Date.now,
  ) {}

  /** The cached key set without waiting, when it is loaded and still valid; undefined: ask current(). */
  peek(): KeySet | undefined {
    const c = this.cached;
    return c?.set !== undefined && c.until > this.now() ? c.set : undefined;
  }

  current(): Promise<KeySet> {
    const c = this.cached;
    if (c && c.until > this.now()) return c.promise;
    const generation = this.generation;
    const promise = this.load();
    const entry: NonNullable<KeyStore["cached"]> = { promise, until: Number.POSITIVE_INFINITY, generation };
    this.cached = entry;
    promise.then(
      (set) => {
        // A NOTIFY that arrived while loading wins: keep nothing that may predate it.
        if (this.cached !== entry) return;
        entry.until = this.generation === generation ? set.validUntil : 0;
        entry.set = set;
      },
      () => {
        if (this.cached === entry) this.cached = null; // retry on the next request
      },
    );
    return promise;
  }

  invalidate(): void {
    this.generation++;
    this.cached = null;
  }

  private async load(): Promise<KeySet & { validUntil: number }> {
    const now = new Date(this.now());
    let rows = await listSigningKeys(this.db);
    if (!activeKey(rows, now)) {
      await ensureActiveSigningKey(this.db, this.config, now);
      rows = await listSigningKeys(this.db);
    }
    const active = activeKey(rows, now);
    if (!active) throw new KeyConfigurationError("no active signing key after generating one");
    const secret = requireSecret(this.config);
    const signing: PrivateSigningKey = {
      kid: active.kid,
      alg: active.alg,
      privateKeyPem: decryptPrivateKey(active.privateKeyEncrypted, secret),
    };
    const published = publishedKeys(rows, now).map((r) => r.publicJwk);
    return {
      signing,
      jwks: { keys: published },
      byKid: new Map(published.map((k) => [k.kid, k])),
      validUntil: nextChange(rows, now),
    };
  }
}
