"use server";
// "Sign out everywhere": an administrator ends every console session of a user at once.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { signOutEverywhere } from "@/lib/db/user-mutations";
import { asActionError } from "./action-errors";
import { authedAction } from "./safe-action";

export const signOutUserEverywhereAction = authedAction("users.manage", z.object({ id: z.uuid() }), async ({ id }, { actor, db }) => {
  const result = await signOutEverywhere(db, { id: actor.Id, login: actor.Login }, id).catch(asActionError);
  revalidatePath("/users");
  return result;
});
