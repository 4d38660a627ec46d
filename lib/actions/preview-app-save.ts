"use server";
// The risk diff shown before a save: the findings of the proposed configuration (linted with
// the fleet), what the change adds and clears, and what the save will need.
import { reviewProposed } from "@/lib/apps/review";
import { authedAction } from "./safe-action";
import { PreviewSaveRequestSchema } from "./save-app-schemas";

export const previewAppSave = authedAction("apps.write", PreviewSaveRequestSchema, async ({ id, input }, { db }) => {
  return reviewProposed(db, input, id);
});
