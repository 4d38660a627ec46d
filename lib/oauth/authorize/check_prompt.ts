// prompt and max_age (OpenID Connect Core 1.0 §3.1.2.1): prompt is a space-delimited list of
// none, login, consent, select_account, where none stands alone; max_age is a non-negative
// integer number of seconds. What they then require is decided with the session (interaction.ts).
import { InvalidRequest } from "../errors";
import { param, passed, refused, type AuthorizeCheck, type Prompt } from "./types";

const PROMPTS: ReadonlySet<string> = new Set<Prompt>(["none", "login", "consent", "select_account"]);

export const checkPrompt: AuthorizeCheck = {
  id: "prompt",
  title: "prompt and max_age (OIDC Core §3.1.2.1)",
  answer: "redirect",
  run(ctx) {
    const raw = param(ctx, "prompt");
    const prompt = raw === undefined ? [] : raw.split(" ");
    if (prompt.some((p) => !PROMPTS.has(p)) || new Set(prompt).size !== prompt.length) {
      return refused(new InvalidRequest(`prompt ${JSON.stringify(raw?.slice(0, 60))}`, { reason: "prompt" }));
    }
    if (prompt.includes("none") && prompt.length > 1) return refused(new InvalidRequest("prompt=none with other values", { reason: "prompt" }));
    const rawMaxAge = param(ctx, "max_age");
    let maxAge: number | null = null;
    if (rawMaxAge !== undefined) {
      if (!/^\d{1,9}$/.test(rawMaxAge)) return refused(new InvalidRequest(`max_age ${JSON.stringify(rawMaxAge.slice(0, 20))}`, { reason: "prompt" }));
      maxAge = Number(rawMaxAge);
    }
    ctx.request.prompt = prompt as Prompt[];
    ctx.request.maxAge = maxAge;
    const notes = [prompt.length ? `prompt=${prompt.join(" ")}` : "no prompt", maxAge === null ? "" : `max_age=${maxAge} s`].filter(Boolean);
    return passed(`${notes.join(", ")}.`);
  },
};
