// Query-string values as pages and routes read them: a repeated parameter counts once (its
// first value), and a value that does not fit is ignored (its default applies), never a 500.
import { z } from "zod";
import { hasControlCharacters } from "./text";

/** The first of a repeated parameter (`?q=a&q=b` → "a"). */
export function firstValue(v: unknown): unknown {
  return Array.isArray(v) ? v[0] : v;
}

/** A search box's text: at most `max` characters kept, control characters make it empty. */
export function searchText(max = 200) {
  return z.preprocess(
    firstValue,
    z
      .string()
      .catch("")
      .transform((v) => (hasControlCharacters(v) ? "" : v.trim().slice(0, max))),
  );
}

/** One of `values`, else undefined ("" and "all" mean no filter). */
export function optionalChoice<T extends readonly [string, ...string[]]>(values: T) {
  return z.preprocess((v) => {
    const first = firstValue(v);
    return first === "" || first === "all" ? undefined : first;
  }, z.enum(values).optional().catch(undefined));
}

/** A page number between 1 and `max`, else 1. */
export function pageNumber(max = 100_000) {
  return z.preprocess(firstValue, z.coerce.number().int().min(1).max(max).catch(1)).default(1);
}

const UUID = z.uuid();

/** Whether a route segment is a UUID (anything else is a 404, never a database error). */
export function isUuid(value: string): boolean {
  return UUID.safeParse(value).success;
}
