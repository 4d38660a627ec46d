"use server";
// Deletes an app; the admin must type its ApplicationUri to confirm.
import { z } from "zod";
import { deleteApp } from "@/lib/db/app-mutations";
import { asActionError } from "./action-errors";
import { afterAppChange } from "./after-app-change";
import { authedAction } from "./safe-action";

export const deleteAppAction = authedAction(
  "apps.delete",
  z.object({ id: z.uuid(), confirmApplicationUri: z.string().trim().min(1, "Type the ApplicationUri to confirm") }),
  async ({ id, confirmApplicationUri }, { actor, db }) => {
    const result = await deleteApp(db, { id: actor.Id, login: actor.Login }, id, confirmApplicationUri).catch(asActionError);
    afterAppChange({ id, applicationUris: [result.applicationUri] });
    return { applicationUri: result.applicationUri };
  },
);
