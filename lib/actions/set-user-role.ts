"use server";
// An administrator changes a user's console role; the user's sessions end at once.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { setUserRole } from "@/lib/db/user-mutations";
import { CONSOLE_ROLES } from "@/lib/schemas/user";
import { asActionError } from "./action-errors";
import { authedAction } from "./safe-action";

export const setUserRoleAction = authedAction(
  "users.manage",
  z.object({ id: z.uuid(), role: z.enum(CONSOLE_ROLES, { error: "Pick a console role" }) }),
  async ({ id, role }, { actor, db }) => {
    const result = await setUserRole(db, { id: actor.Id, login: actor.Login }, id, role).catch(asActionError);
    revalidatePath("/users");
    return result;
  },
);
