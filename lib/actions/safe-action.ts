// The helper every server action is built on. Server actions are public POST endpoints:
// each one authenticates, checks its named permission, validates its input with zod and
// only then runs. Failures come back as a typed result with a clear message, never a throw
// that would show a crash page, and never with internals (those go to the server log).
import type { z } from "zod";
import { getDb, type Db } from "@/lib/db/client";
import { getActor, type Actor } from "@/lib/auth/session";
import { can, type Permission } from "@/lib/auth/permissions";
import { isDatabaseUnavailable } from "@/lib/db/errors";
import { log } from "@/lib/log";
import { currentRequestId } from "@/lib/request-context";

/** What an action answers while the database cannot be reached. */
export const DATABASE_UNAVAILABLE_MESSAGE = "The database is unavailable right now, so nothing was saved. Your input is still here: try again in a moment.";

export type ActionErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "VALIDATION"
  | "NOT_FOUND"
  | "CONFLICT"
  | "POLICY"
  | "THROTTLED"
  | "UNAVAILABLE"
  | "SERVER";

export interface ActionFailure {
  ok: false;
  code: ActionErrorCode;
  message: string;
  /** Field path ("ImpersonateLoginUrls.1") -> messages, for VALIDATION. */
  fieldErrors?: Record<string, string[]>;
}

export type ActionResult<T> = { ok: true; data: T } | ActionFailure;

/** An expected failure with a message fit for the user. */
export class ActionError extends Error {
  constructor(
    public readonly code: Exclude<ActionErrorCode, "SERVER" | "UNAVAILABLE">,
    message: string,
    public readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
    this.name = "ActionError";
  }
}

export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "_";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

export interface ActionContext {
  actor: Actor;
  db: Db;
}

/**
 * A server action for `permission` ("self": any signed-in console user, even one who must
 * still replace a provisional password, i.e. the password change itself).
 */
export function authedAction<S extends z.ZodType, T>(
  permission: Permission | "self",
  schema: S,
  handler: (input: z.output<S>, ctx: ActionContext) => Promise<T>,
): (input: z.input<S>) => Promise<ActionResult<T>> {
  return async (raw) => {
    try {
      const actor = await getActor();
      if (!actor) return { ok: false, code: "UNAUTHENTICATED", message: "Your session has ended. Sign in again." };
      if (permission !== "self" && actor.MustChangePassword) {
        return { ok: false, code: "FORBIDDEN", message: "Choose a new password before you continue." };
      }
      if (permission !== "self" && !can(actor.ConsoleRole, permission)) {
        return { ok: false, code: "FORBIDDEN", message: "Your role does not allow this change." };
      }
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        return { ok: false, code: "VALIDATION", message: "Some fields need attention.", fieldErrors: fieldErrorsOf(parsed.error) };
      }
      return { ok: true, data: await handler(parsed.data, { actor, db: await getDb() }) };
    } catch (error) {
      if (error instanceof ActionError) {
        return { ok: false, code: error.code, message: error.message, fieldErrors: error.fieldErrors };
      }
      if (isDatabaseUnavailable(error)) {
        // A write in flight either committed or rolled back as a whole (each is one transaction).
        log("warn", "action.database_unavailable", { request_id: await currentRequestId(), message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
        return { ok: false, code: "UNAVAILABLE", message: DATABASE_UNAVAILABLE_MESSAGE };
      }
      log("error", "action.server_error", { request_id: await currentRequestId(), message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
      return { ok: false, code: "SERVER", message: "Something went wrong on the server; nothing was changed. Try again." };
    }
  };
}
