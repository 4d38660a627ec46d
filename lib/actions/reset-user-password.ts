"use server";
// An administrator gives a user a new provisional password (returned once); the user's
// sessions end and the next sign-in asks for a password of their own.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { generateProvisionalPassword, hashPassword } from "@/lib/auth/password";
import { setUserPassword } from "@/lib/db/user-mutations";
import { asActionError } from "./action-errors";
import { authedAction } from "./safe-action";

export const resetUserPasswordAction = authedAction("users.manage", z.object({ id: z.uuid() }), async ({ id }, { actor, db }) => {
  const password = generateProvisionalPassword();
  const result = await setUserPassword(db, { id: actor.Id, login: actor.Login }, id, await hashPassword(password), { provisional: true }).catch(asActionError);
  revalidatePath("/users");
  return { login: result.login, endedSessions: result.endedSessions, provisionalPassword: password };
});
