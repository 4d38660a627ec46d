"use server";
// Generates a new client secret (256 bits), stores only its SHA-256 and returns the plaintext
// this once. The previous secret stays valid for the chosen grace period.
import { z } from "zod";
import { GRACE_PERIODS, rotateSecret, type GracePeriod } from "@/lib/db/app-mutations";
import { asActionError } from "./action-errors";
import { afterAppChange } from "./after-app-change";
import { authedAction } from "./safe-action";

const RotateSecretSchema = z.object({
  id: z.uuid(),
  grace: z.enum(Object.keys(GRACE_PERIODS) as [GracePeriod, ...GracePeriod[]], { error: "Pick a grace period" }),
});

export const rotateSecretAction = authedAction("apps.rotateSecret", RotateSecretSchema, async ({ id, grace }, { actor, db }) => {
  const result = await rotateSecret(db, { id: actor.Id, login: actor.Login }, id, grace).catch(asActionError);
  afterAppChange({ id, applicationUris: [result.applicationUri] });
  return { secret: result.secret, previousSecretExpiresUtc: result.previousSecretExpiresUtc?.toISOString() ?? null };
});
