"use server";
// The kill switch: enable or disable an app.
import { z } from "zod";
import { setEnabled } from "@/lib/db/app-mutations";
import { asActionError } from "./action-errors";
import { afterAppChange } from "./after-app-change";
import { authedAction } from "./safe-action";

export const setAppEnabledAction = authedAction(
  "apps.toggle",
  z.object({ id: z.uuid(), enabled: z.boolean() }),
  async ({ id, enabled }, { actor, db }) => {
    const result = await setEnabled(db, { id: actor.Id, login: actor.Login }, id, enabled).catch(asActionError);
    afterAppChange({ id, applicationUris: [result.applicationUri] });
    return { enabled, changed: result.changed };
  },
);
