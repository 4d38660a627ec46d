// JWS signatures (RFC 7515 §5.1 step 7; ES256/RS256, RFC 7518 §3.3-3.4) computed on one
// thread of their own, so that the token endpoint's event loop goes on parsing and answering
// requests while a token is signed. The signature is the largest single cost of issuing a
// token (docs/benchmarks.md).
//
// Why a thread of our own rather than node:crypto's asynchronous sign() on libuv's pool: that
// pool is shared with everything else (argon2 password hashing, file reads, zlib) and has four
// threads, and on a small machine four busy signers starve the event loop, which is what limits
// throughput (measured on 2 cores: 15,000-18,000 tokens/s with the pool, 19,000-23,000 with one
// thread). One thread signs ~50,000 ES256 tokens/s, more than one event loop can serve.
import type { KeyObject } from "node:crypto";
import { Worker } from "node:worker_threads";

/** What node:crypto's sign() takes as its key: the options decide the algorithm's encoding (jwt.ts). */
export type SignKey = KeyObject | { key: KeyObject; dsaEncoding: "ieee-p1363" };

/**
 * A second token signed right after the first, whose claims take the first one's at_hash
 * (OpenID Connect Core 1.0 §3.1.3.6: the left half of the SHA-256 of the access token, as
 * tokens/id-token.ts atHash computes it): an ID token and its access token in one round trip.
 */
export interface FollowUp {
  /** The second token's protected header, base64url. */
  header: string;
  /** Its claims; at_hash is added. */
  claims: Record<string, unknown>;
}

// CommonJS, evaluated as the worker's main script: nothing to resolve or bundle.
const WORKER_SOURCE = `
const { parentPort } = require("node:worker_threads");
const { hash, sign } = require("node:crypto");
const signature = (input, key) => sign("sha256", Buffer.from(input), key).toString("base64url");
parentPort.on("message", ([id, input, key, followUp]) => {
  try {
    const first = signature(input, key);
    if (!followUp) return parentPort.postMessage([id, first]);
    const atHash = hash("sha256", input + "." + first, "buffer").subarray(0, 16).toString("base64url");
    const second = followUp.header + "." + Buffer.from(JSON.stringify({ ...followUp.claims, at_hash: atHash })).toString("base64url");
    parentPort.postMessage([id, first, second + "." + signature(second, key)]);
  } catch (error) {
    parentPort.postMessage([id, null, String(error && error.message)]);
  }
});
`;

interface Pending {
  resolve(result: [signature: string, followUp?: string]): void;
  reject(error: Error): void;
}

/** One signing thread, started on first use and again after it died. */
export class SigningThread {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;

  /**
   * The base64url SHA-256 signature of `input` (the JWS Signing Input) with `key`, exactly as
   * node:crypto's sign("sha256", input, key) makes it. Rejects when the key cannot sign or the
   * thread died meanwhile.
   */
  sign(input: string, key: SignKey): Promise<string> {
    return this.post(input, key).then(([signature]) => signature);
  }

  /**
   * sign(), then the follow-up token (complete: header.payload.signature) with the same key,
   * its claims carrying the at_hash of the first token.
   */
  signWithFollowUp(input: string, key: SignKey, followUp: FollowUp): Promise<[signature: string, followUp: string]> {
    return this.post(input, key, followUp) as Promise<[string, string]>;
  }

  private post(input: string, key: SignKey, followUp?: FollowUp): Promise<[string, string?]> {
    return new Promise((resolve, reject) => {
      const worker = this.worker ?? this.start();
      const id = this.nextId++;
      if (this.pending.size === 0) worker.ref(); // keeps the process alive while signing
      this.pending.set(id, { resolve, reject });
      worker.postMessage(followUp ? [id, input, key, followUp] : [id, input, key]);
    });
  }

  /** Stops the thread (tests, shutdown); pending signatures reject. */
  async close(): Promise<void> {
    const worker = this.worker;
    if (worker) await worker.terminate();
  }

  private start(): Worker {
    // No inherited flags: a loader (--import tsx) or a profiler has nothing to do in it.
    const worker = new Worker(WORKER_SOURCE, { eval: true, execArgv: [] });
    worker.unref(); // an idle signer never holds the process open
    worker.on("message", ([id, signature, extra]: [number, string | null, string?]) => {
      const entry = this.pending.get(id);
      if (!entry) return;
      this.pending.delete(id);
      if (this.pending.size === 0) worker.unref();
      if (signature === null) entry.reject(new Error(`signing failed: ${extra}`));
      else entry.resolve([signature, extra]);
    });
    // An uncaught error is followed by "exit": everything in flight fails once, there.
    worker.on("error", () => {});
    worker.on("exit", (code) => {
      if (this.worker === worker) this.worker = null; // the next sign() starts a new thread
      const failed = [...this.pending.values()];
      this.pending.clear();
      for (const entry of failed) entry.reject(new Error(`signing thread exited (code ${code})`));
    });
    this.worker = worker;
    return worker;
  }
}

// One thread per process, on globalThis (next dev re-evaluates modules per route).
const holder = globalThis as unknown as { __tacSigningThread?: SigningThread };

export function signingThread(): SigningThread {
  return (holder.__tacSigningThread ??= new SigningThread());
}
