"use server";
// The kill switch: enable or disable an app.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { setEnabled } from "@/lib/db/app-mutations";
import { invalidateFleet } from "@/lib/db/fleet";
import { asActionError } from "./action-errors";
import { authedAction } from "./safe-action";

export const setAppEnabledAction = authedAction(
  "apps.toggle",
  z.object({ id: z.uuid(), enabled: z.boolean() }),
  async ({ id, enabled }, { actor, db }) => {
    const result = await setEnabled(db, { id: actor.Id, login: actor.Login }, id, enabled).catch(asActionError);
    invalidateFleet();
    revalidatePath("/apps");
    revalidatePath(`/apps/${id}`);
    return { enabled, changed: result.changed };
  },
);
