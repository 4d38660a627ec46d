"use server";
// An administrator deactivates (every session ends at once) or reactivates a user.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { setUserActive } from "@/lib/db/user-mutations";
import { asActionError } from "./action-errors";
import { authedAction } from "./safe-action";

export const setUserActiveAction = authedAction("users.manage", z.object({ id: z.uuid(), active: z.boolean() }), async ({ id, active }, { actor, db }) => {
  const result = await setUserActive(db, { id: actor.Id, login: actor.Login }, id, active).catch(asActionError);
  revalidatePath("/users");
  return result;
});
