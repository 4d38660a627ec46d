"use server";
// An administrator adds a user (an instance user, optionally with a console role) with a
// provisional password: generated here, returned once, changed by the user at first sign-in.
import { revalidatePath } from "next/cache";
import { generateProvisionalPassword, hashPassword } from "@/lib/auth/password";
import { createUser } from "@/lib/db/user-mutations";
import { NewUserSchema } from "@/lib/schemas/user";
import { asActionError } from "./action-errors";
import { authedAction } from "./safe-action";

export const createUserAction = authedAction("users.manage", NewUserSchema, async (input, { actor, db }) => {
  const password = generateProvisionalPassword();
  const created = await createUser(db, { id: actor.Id, login: actor.Login }, input, await hashPassword(password)).catch(asActionError);
  revalidatePath("/users");
  return { id: created.Id, login: created.Login, provisionalPassword: password };
});
