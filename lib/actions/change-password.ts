"use server";
// The signed-in user changes their own password (also the forced change of a provisional
// one): the current password is checked under the sign-in's throttle, the new one against the
// password rules; every other session of the user ends, this one stays.
import { headers } from "next/headers";
import { hashPassword, isPasswordHashBusy } from "@/lib/auth/password";
import { verifyCurrentPassword } from "@/lib/auth/sign-in";
import { setUserPassword } from "@/lib/db/user-mutations";
import { ChangePasswordSchema, newPasswordSchema } from "@/lib/schemas/user";
import { ActionError, authedAction, fieldErrorsOf } from "./safe-action";

export const changePasswordAction = authedAction("self", ChangePasswordSchema, async (input, { actor, db }) => {
  const rules = newPasswordSchema(actor.Login).safeParse(input.newPassword);
  if (!rules.success) {
    throw new ActionError("VALIDATION", "Choose a stronger password.", { newPassword: fieldErrorsOf(rules.error)._ ?? [] });
  }
  const check = await verifyCurrentPassword(db, actor.Id, actor.Login, input.currentPassword, Object.fromEntries(await headers()));
  if (check.kind === "invalid") throw new ActionError("VALIDATION", "Your current password is not right.", { currentPassword: ["Wrong password"] });
  if (check.kind !== "ok") throw new ActionError("THROTTLED", `Too many attempts. Try again in ${check.retryAfterSeconds} seconds.`);
  let hash: string;
  try {
    hash = await hashPassword(input.newPassword);
  } catch (error) {
    if (isPasswordHashBusy(error)) throw new ActionError("THROTTLED", "The server is busy. Try again in a moment.");
    throw error;
  }
  const result = await setUserPassword(db, { id: actor.Id, login: actor.Login }, actor.Id, hash, { provisional: false, keepSessionId: actor.SessionId });
  return { endedSessions: result.endedSessions };
});
