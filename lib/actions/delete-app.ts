"use server";
// Deletes an app; the admin must type its ApplicationUri to confirm.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { deleteApp } from "@/lib/db/app-mutations";
import { invalidateFleet } from "@/lib/db/fleet";
import { asActionError } from "./action-errors";
import { authedAction } from "./safe-action";

export const deleteAppAction = authedAction(
  "apps.delete",
  z.object({ id: z.uuid(), confirmApplicationUri: z.string().trim().min(1, "Type the ApplicationUri to confirm") }),
  async ({ id, confirmApplicationUri }, { actor, db }) => {
    const result = await deleteApp(db, { id: actor.Id, login: actor.Login }, id, confirmApplicationUri).catch(asActionError);
    invalidateFleet();
    revalidatePath("/apps");
    return { applicationUri: result.applicationUri };
  },
);
