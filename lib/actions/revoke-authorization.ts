"use server";
// Revokes a user's Authorization (consent) for an app: the user's refresh and access tokens
// for it stop working at once, and their next sign-in to the app asks for consent again.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { AuthorizationNotFound, revokeAuthorization } from "@/lib/db/authorizations";
import { ActionError, authedAction } from "./safe-action";

export const revokeAuthorizationAction = authedAction(
  "authorizations.revoke",
  z.object({ appId: z.uuid(), authorizationId: z.uuid() }),
  async ({ appId, authorizationId }, { actor, db }) => {
    const result = await revokeAuthorization(db, { id: actor.Id, login: actor.Login }, appId, authorizationId).catch((error: unknown) => {
      if (error instanceof AuthorizationNotFound) {
        // Another administrator (or the same one in another tab) was quicker: nothing to do.
        throw new ActionError("NOT_FOUND", "This authorization no longer exists; it may have been revoked already. Reload to see the current list.");
      }
      throw error;
    });
    // The app's row is unchanged (no fleet or client cache to drop): only the pages listing
    // Authorizations need to re-render.
    revalidatePath(`/apps/${appId}`);
    revalidatePath("/review");
    // Only what the toast needs: never the grant rows or anything token-shaped.
    return { login: result.login, revokedGrants: result.revokedGrants };
  },
);
