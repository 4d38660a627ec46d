"use server";
// Registers a Trusted Application. A Confidential client gets its secret here, returned once.
import { reviewProposed } from "@/lib/apps/review";
import { createApp } from "@/lib/db/app-mutations";
import { checkSaveGate } from "@/lib/policy/save-gate";
import { asActionError } from "./action-errors";
import { afterAppChange } from "./after-app-change";
import { ActionError, authedAction } from "./safe-action";
import { CreateAppRequestSchema } from "./save-app-schemas";

export const createAppAction = authedAction("apps.write", CreateAppRequestSchema, async ({ input, consent }, { actor, db }) => {
  const review = await reviewProposed(db, input, null);
  const gate = checkSaveGate(review.findings, consent, review.before);
  if (!gate.ok) throw new ActionError("POLICY", gate.message);
  const created = await createApp(db, { id: actor.Id, login: actor.Login }, input, gate).catch(asActionError);
  afterAppChange({ id: created.Id, applicationUris: [input.ApplicationUri] });
  return { id: created.Id, version: created.Version, secret: created.secret ?? null };
});
