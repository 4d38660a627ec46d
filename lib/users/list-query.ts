// The users page's query string, validated: anything unexpected is ignored, never a 500.
import { z } from "zod";
import { firstValue, pageNumber, searchText } from "@/lib/schemas/query";

export const UserListQuerySchema = z.object({
  q: searchText(200).default(""),
  console: z.preprocess(firstValue, z.literal("1").optional().catch(undefined)).transform((v) => v === "1"),
  page: pageNumber(),
});

export type UserListQuery = z.output<typeof UserListQuerySchema>;

export function userListHref(q: UserListQuery, patch: Partial<UserListQuery>): string {
  const m = { ...q, ...patch };
  const p = new URLSearchParams();
  if (m.q) p.set("q", m.q);
  if (m.console) p.set("console", "1");
  if (m.page > 1) p.set("page", String(m.page));
  const s = p.toString();
  return s ? `/users?${s}` : "/users";
}
