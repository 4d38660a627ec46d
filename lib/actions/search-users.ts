"use server";
// SystemUser picker: users matching a login or display name.
import { z } from "zod";
import { searchUsers } from "@/lib/db/users";
import { authedAction } from "./safe-action";

export const searchUsersAction = authedAction("apps.read", z.object({ query: z.string().max(100) }), async ({ query }, { db }) => {
  return searchUsers(db, query, 20);
});
