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
