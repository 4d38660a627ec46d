"use server";
// Restores the configuration an earlier audit event recorded (never a secret), as a new
// version: optimistic concurrency, the policy's consent and the audit apply as for an edit.
import { z } from "zod";
import { reviewProposed } from "@/lib/apps/review";
import { getAppSnapshot } from "@/lib/db/audit";
import { updateApp } from "@/lib/db/app-mutations";
import { checkSaveGate } from "@/lib/policy/save-gate";
import { TrustedApplicationInputSchema } from "@/lib/schemas/trusted-application";
import { asActionError } from "./action-errors";
import { afterAppChange } from "./after-app-change";
import { ActionError, authedAction } from "./safe-action";
import { ConsentSchema } from "./save-app-schemas";

export const restoreAppVersionAction = authedAction(
  "apps.write",
  z.object({ id: z.uuid(), eventId: z.uuid(), version: z.number().int().positive(), consent: ConsentSchema, preview: z.boolean().default(false) }),
  async ({ id, eventId, version, consent, preview }, { actor, db }) => {
    const event = await getAppSnapshot(db, eventId, id);
    if (!event) throw new ActionError("NOT_FOUND", "That version is not in this application's history.");
    const snapshot = TrustedApplicationInputSchema.safeParse(event.Snapshot);
    if (!snapshot.success) throw new ActionError("VALIDATION", "That version can no longer be restored: it does not pass today's validation.");
    const review = await reviewProposed(db, snapshot.data, id);
    if (preview) return { restored: false as const, review };
    const gate = checkSaveGate(review.findings, consent, review.before);
    if (!gate.ok) throw new ActionError("POLICY", gate.message);
    const updated = await updateApp(db, { id: actor.Id, login: actor.Login }, id, version, snapshot.data, gate, "app.restore").catch(asActionError);
    afterAppChange({ id });
    return { restored: true as const, version: updated.Version, secret: updated.secret ?? null };
  },
);
