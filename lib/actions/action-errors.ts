// Maps data-layer errors to the action result codes the UI shows.
import { MutationError } from "@/lib/db/errors";
import { ActionError } from "./safe-action";

export function asActionError(error: unknown): never {
  if (error instanceof MutationError) {
    const code = error.code === "DUPLICATE" ? "VALIDATION" : error.code === "INVALID" ? "VALIDATION" : error.code;
    const field = error.field ?? (error.code === "DUPLICATE" ? "ApplicationUri" : undefined);
    const fieldErrors = field ? { [field]: [error.message] } : undefined;
    throw new ActionError(code, error.message, fieldErrors);
  }
  throw error;
}
