// What every app mutation does after its transaction: the linted fleet and the token
// endpoint's client cache forget the app (the database also announces the change to other
// processes), and the console pages that show it re-render.
// Not a server action (no "use server": the browser cannot call it). Only the actions call
// it, from inside authedAction, after the permission check and the audited write.
import { revalidatePath } from "next/cache";
import { invalidateFleet } from "@/lib/db/fleet";
import { invalidateClientCache } from "@/lib/oauth/server";

export function afterAppChange(change: { id?: string; applicationUris?: readonly string[] }): void {
  invalidateFleet(change.id === undefined ? undefined : [change.id]);
  if (change.applicationUris) for (const uri of change.applicationUris) invalidateClientCache(uri);
  else invalidateClientCache();
  revalidatePath("/apps");
  if (change.id) revalidatePath(`/apps/${change.id}`);
}
