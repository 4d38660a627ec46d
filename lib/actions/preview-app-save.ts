"use server";
// The risk diff shown before a save: the findings of the proposed configuration (linted with
// the fleet), what the change adds and clears, and what the save will need. An ApplicationUri
// another app already has is a field error here, before any dialog.
import { reviewProposed } from "@/lib/apps/review";
import { appIdForUri } from "@/lib/db/apps";
import { ActionError, authedAction } from "./safe-action";
import { PreviewSaveRequestSchema } from "./save-app-schemas";

export const previewAppSave = authedAction("apps.write", PreviewSaveRequestSchema, async ({ id, input }, { db }) => {
  const taken = await appIdForUri(db, input.ApplicationUri);
  if (taken !== null && taken !== id) {
    const message = `An application with ApplicationUri "${input.ApplicationUri}" already exists.`;
    throw new ActionError("VALIDATION", message, { ApplicationUri: [message] });
  }
  return reviewProposed(db, input, id);
});
