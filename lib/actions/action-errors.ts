// Maps data-layer errors to the action result codes the UI shows.
import { MutationError } from "@/lib/db/app-mutations";
import { ActionError } from "./safe-action";

export function asActionError(error: unknown): never {
  if (error instanceof MutationError) {
    const code = error.code === "DUPLICATE" ? "VALIDATION" : error.code === "INVALID" ? "VALIDATION" : error.code;
    const fieldErrors = error.code === "DUPLICATE" ? { ApplicationUri: [error.message] } : undefined;
    throw new ActionError(code, error.message, fieldErrors);
  }
  throw error;
}
