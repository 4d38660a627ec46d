"use server";
// SystemUser picker: users matching a login or display name. For editors only: a reviewer
// has no use for the instance's user list.
import { z } from "zod";
import { searchUsers } from "@/lib/db/users";
import { authedAction } from "./safe-action";

export const searchUsersAction = authedAction("apps.write", z.object({ query: z.string().max(100) }), async ({ query }, { db }) => {
  return searchUsers(db, query, 20);
});
