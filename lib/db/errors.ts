// Database errors the app turns into clear messages.

/** An expected refusal of a write, with a message fit for the user; `field` names the input it concerns. */
export class MutationError extends Error {
  constructor(
    public readonly code: "NOT_FOUND" | "CONFLICT" | "DUPLICATE" | "INVALID",
    message: string,
    public readonly field?: string,
  ) {
    super(message);
    this.name = "MutationError";
  }
}

// Unique violations: The PGlite and pg adapters surface a
// unique violation differently (Prisma's P2002, or the driver's SQLSTATE 23505 in the message).
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string; cause?: unknown } | null;
  if (!e) return false;
  if (e.code === "P2002" || e.code === "23505") return true;
  if (typeof e.message === "string" && /unique constraint/i.test(e.message)) return true;
  return e.cause ? isUniqueViolation(e.cause) : false;
}

/** Node's socket errors: the database server is down, restarting or unreachable. */
const UNREACHABLE_ERRNO = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN"]);
/** Prisma: can't reach (P1001), timed out (P1002, P1008), closed the connection (P1017), pool timeout (P2024). */
const UNREACHABLE_PRISMA = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
/** Driver adapter kinds for the same (@prisma/driver-adapter-utils). */
const UNREACHABLE_KINDS = new Set(["DatabaseNotReachable", "DatabaseUnavailable", "SocketTimeout", "ConnectionClosed", "TooManyConnections"]);
/** node-postgres when a connection broke or a timeout of ours fired. */
const UNREACHABLE_MESSAGE = /Connection terminated|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error|Connection ended unexpectedly|server closed the connection unexpectedly/i;

/**
 * Whether `error` says the database cannot be reached right now (stopped, restarting, network
 * cut, our connect or query timeout), as opposed to a bug or a refused write: the callers
 * answer 503 / "database unavailable" for these instead of a 500. PostgreSQL SQLSTATE class 08
 * (connection exception), 57P01-57P03 (shutdown, cannot connect now), 53300 (too many
 * connections).
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 5) return false;
  if ((error as { name?: unknown }).name === DatabaseUnavailableError.NAME) return true;
  const e = error as { code?: unknown; kind?: unknown; message?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } };
  const code = typeof e.code === "string" ? e.code : "";
  if (UNREACHABLE_ERRNO.has(code) || UNREACHABLE_PRISMA.has(code)) return true;
  if (/^08/.test(code) || code === "57P01" || code === "57P02" || code === "57P03" || code === "53300") return true;
  if (typeof e.kind === "string" && UNREACHABLE_KINDS.has(e.kind)) return true;
  if (typeof e.message === "string" && UNREACHABLE_MESSAGE.test(e.message)) return true;
  return isDatabaseUnavailable(e.cause, depth + 1) || isDatabaseUnavailable(e.meta?.driverAdapterError, depth + 1);
}

/** Thrown where a library swallowed the original error (next-auth's callbacks: lib/auth/session.ts). */
export class DatabaseUnavailableError extends Error {
  static readonly NAME = "DatabaseUnavailableError";
  constructor(message = "the database cannot be reached") {
    super(message);
    this.name = DatabaseUnavailableError.NAME;
  }
}
