"use server";
// Saves an edit (an edit that changes nothing writes no version). Refused when someone else saved since the form was loaded (optimistic
// concurrency), when the policy needs a consent that was not given, or on invalid input.
import { reviewProposed } from "@/lib/apps/review";
import { updateApp } from "@/lib/db/app-mutations";
import { checkSaveGate } from "@/lib/policy/save-gate";
import { asActionError } from "./action-errors";
import { afterAppChange } from "./after-app-change";
import { ActionError, authedAction } from "./safe-action";
import { UpdateAppRequestSchema } from "./save-app-schemas";

export const updateAppAction = authedAction("apps.write", UpdateAppRequestSchema, async ({ id, version, input, consent }, { actor, db }) => {
  const review = await reviewProposed(db, input, id);
  const gate = checkSaveGate(review.findings, consent, review.before);
  if (!gate.ok) throw new ActionError("POLICY", gate.message);
  const updated = await updateApp(db, { id: actor.Id, login: actor.Login }, id, version, input, gate).catch(asActionError);
  const changedFields = Object.keys(updated.diff);
  if (changedFields.length > 0) afterAppChange({ id });
  return { id, version: updated.Version, changedFields, secret: updated.secret ?? null };
});
