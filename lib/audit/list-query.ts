// The audit page's query string, validated: repeated or oversized values are ignored, never a 500.
import { z } from "zod";
import { firstValue, pageNumber, searchText } from "@/lib/schemas/query";

const facet = z.preprocess(firstValue, z.string().max(200).optional().catch(undefined));

export const AuditQuerySchema = z.object({
  actor: facet,
  action: facet,
  q: searchText(200).default(""),
  page: pageNumber(),
});

export type AuditListQuery = z.output<typeof AuditQuerySchema>;

export function auditHref(q: AuditListQuery, patch: Partial<AuditListQuery> = {}): string {
  const m = { ...q, ...patch };
  const p = new URLSearchParams();
  if (m.actor) p.set("actor", m.actor);
  if (m.action) p.set("action", m.action);
  if (m.q) p.set("q", m.q);
  if (m.page > 1) p.set("page", String(m.page));
  const s = p.toString();
  return s ? `/audit?${s}` : "/audit";
}
