// Passwords: argon2id through @node-rs/argon2 (a kept library; no home-made scheme), behind a
// bounded queue. argon2 is expensive on purpose (about 30 ms of a core and 19 MiB per
// hash): unbounded, 40 concurrent anonymous sign-ins occupied every core and pushed the
// token endpoint's median latency from 2 ms to a second. So at most `concurrency` hashes
// run at once, a few more wait, and any beyond that are refused at once with
// PasswordHashBusy (the sign-in answers 503 with Retry-After) instead of queueing without end.
import { availableParallelism } from "node:os";
import { randomBytes } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";

// OWASP Password Storage Cheat Sheet: argon2id, m=19 MiB, t=2, p=1 as the minimum.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Too many password hashes are running or waiting: try again in a moment. */
export class PasswordHashBusy extends Error {
  readonly retryAfterSeconds = 2;
  constructor() {
    super("too many password hashes in progress");
    this.name = "PasswordHashBusy";
  }
}

/**
 * Whether `error` is a PasswordHashBusy from any bundle: the queue is one per process
 * (globalThis), so the error may come from another Next bundle's copy of this class, where
 * `instanceof` is false.
 */
export function isPasswordHashBusy(error: unknown): error is PasswordHashBusy {
  return error instanceof Error && error.name === "PasswordHashBusy";
}

/** A semaphore with a bounded waiting line. */
export class BoundedQueue {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly concurrency: number,
    readonly maxWaiting: number,
  ) {}

  /** Whether a new task would be refused right now. */
  get full(): boolean {
    return this.active >= this.concurrency && this.waiting.length >= this.maxWaiting;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.concurrency) {
      if (this.waiting.length >= this.maxWaiting) throw new PasswordHashBusy();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active++;
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next(); // the slot passes on as it is
      else this.active--;
    }
  }
}

// One queue per process, whichever Next bundle asks (each has its own copy of this module).
const holder = globalThis as unknown as { __tacPasswordQueue?: BoundedQueue };
/** Half the cores (at least one) hash; the rest serve requests. Eight more may wait (~0.3 s). */
export const passwordQueue: BoundedQueue = (holder.__tacPasswordQueue ??= new BoundedQueue(Math.max(1, Math.floor(availableParallelism() / 2)), 8));

/** A provisional password for someone else to hand on (144 random bits, base64url). */
export function generateProvisionalPassword(): string {
  return randomBytes(18).toString("base64url");
}

export function hashPassword(password: string, queue: BoundedQueue = passwordQueue): Promise<string> {
  return queue.run(() => hash(password, OPTIONS));
}

// A valid hash of a random password: verifying against it when the login is unknown keeps
// the response time of "no such user" equal to that of "wrong password".
let dummyHash: Promise<string> | undefined;

/** Throws PasswordHashBusy when the queue is full; never for a bad hash (that is false). */
export async function verifyPassword(passwordHash: string | null | undefined, password: string, queue: BoundedQueue = passwordQueue): Promise<boolean> {
  dummyHash ??= hash(randomBytes(32).toString("hex"), OPTIONS);
  const stored = passwordHash ?? (await dummyHash);
  return queue.run(async () => {
    try {
      return (await verify(stored, password)) && !!passwordHash;
    } catch {
      return false;
    }
  });
}
