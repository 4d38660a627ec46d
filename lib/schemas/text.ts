// Text rules every schema shares. PostgreSQL refuses NUL in text outright (a save would fail
// with a database error), and other control characters or bidirectional overrides in a
// name or identifier make a record display as something it is not: refused with a message
// that names the field.
import { z } from "zod";

// No `new Function` fast path: the pages' Content-Security-Policy forbids eval, and zod's probe
// for it would be reported as a violation on every page that validates in the browser.
z.config({ jitless: true });

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
const LINE_BREAK_OR_TAB = /[\t\n\r]/;

/** A superRefine check: no control characters; tabs and line breaks only when `multiline`. */
export function noControlCharacters(label: string, options: { multiline?: boolean } = {}) {
  return (value: string | null | undefined, ctx: z.RefinementCtx) => {
    if (typeof value !== "string") return;
    if (CONTROL.test(value) || (!options.multiline && LINE_BREAK_OR_TAB.test(value))) {
      ctx.addIssue({ code: "custom", message: `${label} must not contain control characters (such as NUL or a line break)` });
    }
  };
}

/** Whether a string holds a control character (for query parameters: ignored, never a 500). */
export function hasControlCharacters(value: string): boolean {
  return CONTROL.test(value);
}
