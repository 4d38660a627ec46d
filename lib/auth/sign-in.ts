// The console's password sign-in, in order: throttle (before any hashing), look the user up,
// verify the password through the bounded hashing queue, then open a database session.
// Every refusal of a login/password pair is the same answer, "invalid": an unknown login, a
// wrong password, an inactive user and a user without a console role cannot be told apart
// (otherwise the console would be an oracle for the ERP users' passwords).
import { clientAddress, BruteForceGuard, holdBack } from "@/lib/oauth/guard/brute-force";
import { isOAuthError } from "@/lib/oauth/errors";
import type { Db } from "@/lib/db/client";
import { findUserForSignIn } from "@/lib/db/users";
import { createSession } from "@/lib/db/sessions";
import { isPasswordHashBusy, passwordQueue, verifyPassword, type BoundedQueue } from "./password";
import { hasConsoleAccess } from "./permissions";
import { SIGN_IN_ERROR } from "./sign-in-errors";

/** Absolute lifetime of a console session: no request extends it. */
export const SESSION_LIFETIME_MS = 8 * 60 * 60 * 1000;

export type SignInResult =
  | { kind: "ok"; userId: string; sessionToken: string }
  | { kind: "invalid" }
  | { kind: "throttled"; retryAfterSeconds: number }
  | { kind: "busy"; retryAfterSeconds: number };

/**
 * The identity endpoint's limiter (lib/oauth/guard/brute-force.ts), counting console users instead
 * of clients, with blocks sized for people rather than programs: from the 5th failure of a
 * user from one address, 5 s doubling to 15 minutes; from the 20th failure of an address,
 * the same. Other addresses are never refused for a user's failures, only slowed.
 */
export const SIGN_IN_LIMITS = {
  pair: { baseDelayMs: 5000, maxBlockMs: 15 * 60_000 },
  address: { baseDelayMs: 5000, maxBlockMs: 15 * 60_000 },
  subjectName: "login",
} as const;

// One guard per process (each Next bundle has its own copy of this module).
const holder = globalThis as unknown as { __tacSignInGuard?: BruteForceGuard };
export function signInGuard(): BruteForceGuard {
  return (holder.__tacSignInGuard ??= new BruteForceGuard({ ...SIGN_IN_LIMITS, sharedAs: "console" }));
}

export type Admission =
  | { admitted: true; done: () => void }
  | { admitted: false; status: 429 | 503; retryAfterSeconds: number; error: string };

const inFlight = globalThis as unknown as { __tacSignInsInFlight?: number };

/**
 * At the production server's door, before Next.js does any work for it: whether a sign-in
 * request may go on. Refused at once (as cheaply as a token request) when its address is
 * blocked (429), or when as many sign-ins are under way as the hashing queue can hold (503);
 * otherwise admitted, and `done()` must be called when it has been answered. So an attack of
 * any size costs the server at most that many sign-ins' work at a time, and the identity
 * endpoint on the same cores keeps its latency (bench/signin.bench.ts).
 */
export function admitSignIn(address: string, queue: BoundedQueue = passwordQueue, guard: BruteForceGuard = signInGuard()): Admission {
  try {
    guard.checkAddress(address);
  } catch (error) {
    const refused = refusal(error);
    if (refused?.kind === "throttled") return { admitted: false, status: 429, retryAfterSeconds: refused.retryAfterSeconds, error: SIGN_IN_ERROR.throttled };
    throw error;
  }
  const running = inFlight.__tacSignInsInFlight ?? 0;
  if (running >= queue.concurrency + queue.maxWaiting) return { admitted: false, status: 503, retryAfterSeconds: 2, error: SIGN_IN_ERROR.busy };
  inFlight.__tacSignInsInFlight = running + 1;
  let finished = false;
  return {
    admitted: true,
    done: () => {
      if (finished) return;
      finished = true;
      inFlight.__tacSignInsInFlight = (inFlight.__tacSignInsInFlight ?? 1) - 1;
    },
  };
}

export interface SignInAttempt {
  login: string;
  password: string;
  /** Request headers (lower-case names), for the address and the user agent. */
  headers: Readonly<Record<string, string | undefined>>;
}

/** The address a request came from, by the identity endpoint's rule (clientAddress). */
export function addressOf(headers: SignInAttempt["headers"]): string {
  return clientAddress({ header: (name) => headers[name] ?? null });
}

function refusal(error: unknown): SignInResult | null {
  if (isOAuthError(error) && error.status === 429) {
    return { kind: "throttled", retryAfterSeconds: Number(error.headers["Retry-After"]) || 1 };
  }
  if (isPasswordHashBusy(error)) return { kind: "busy", retryAfterSeconds: error.retryAfterSeconds };
  return null;
}

export async function signInWithPassword(db: Db, attempt: SignInAttempt, guard: BruteForceGuard = signInGuard(), queue: BoundedQueue = passwordQueue): Promise<SignInResult> {
  const address = addressOf(attempt.headers);
  try {
    guard.checkAddress(address);
    const user = await findUserForSignIn(db, attempt.login);
    if (user) guard.checkSubject(user.Id, address);
    const ok = await verifyPassword(user?.PasswordHash, attempt.password, queue);
    if (!user || !ok || !user.IsActive || !hasConsoleAccess(user.ConsoleRole)) {
      await holdBack(guard.failed(address, user ? user.Id : null));
      return { kind: "invalid" };
    }
    guard.succeeded(user.Id, address);
    const session = await createSession(db, user.Id, SESSION_LIFETIME_MS, { address, userAgent: attempt.headers["user-agent"] });
    return { kind: "ok", userId: user.Id, sessionToken: session.token };
  } catch (error) {
    const refused = refusal(error);
    if (refused) return refused;
    throw error;
  }
}

/**
 * Checks a signed-in user's current password (changing it), under the same throttle as the
 * sign-in: "invalid", "throttled" or "busy" as there; "ok" carries nothing.
 */
export async function verifyCurrentPassword(
  db: Db,
  userId: string,
  login: string,
  password: string,
  headers: SignInAttempt["headers"],
  guard: BruteForceGuard = signInGuard(),
): Promise<{ kind: "ok" } | Exclude<SignInResult, { kind: "ok" }>> {
  const address = addressOf(headers);
  try {
    guard.checkAddress(address);
    guard.checkSubject(userId, address);
    const user = await findUserForSignIn(db, login);
    const ok = user?.Id === userId && (await verifyPassword(user.PasswordHash, password));
    if (!ok) {
      await holdBack(guard.failed(address, userId));
      return { kind: "invalid" };
    }
    guard.succeeded(userId, address);
    return { kind: "ok" };
  } catch (error) {
    const refused = refusal(error);
    if (refused) return refused;
    throw error;
  }
}
