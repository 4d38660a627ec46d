// Renders docs/policy.md from the rule definitions, so the documentation cannot drift
// from the code (docs.test.ts fails when the file is stale; regenerate with
// `npx tsx scripts/gen-policy-docs.ts`). Deterministic: no dates, stable order.

import { GUIDELINES } from "./guidelines";
import { REQUEST_RULES } from "./request-rules";
import type { RuleDoc } from "./rule";
import { RULES } from "./rules/index";
import { SCOPES } from "./scopes";

/** A markdown table cell: no raw pipes or newlines. */
function cell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");
}

function row(cells: readonly string[]): string {
  return `| ${cells.map(cell).join(" | ")} |`;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [row(header), `|${header.map(() => "---").join("|")}|`, ...rows.map(row)];
}

function sources(rule: RuleDoc): string {
  return rule.seed
    .map((s) => (s.source.startsWith("RFC") ? `${s.source}: "${s.sentence}"` : `seed ${s.source}: "${s.sentence}"`))
    .join("<br>");
}

function flows(rule: RuleDoc): string {
  return rule.flows.length === 0 ? "—" : rule.flows.map((f) => `\`${f}\``).join(", ");
}

export function renderPolicyMarkdown(): string {
  const lines: string[] = [
    "# Trusted Applications security policy",
    "",
    "<!-- Generated from lib/policy by `npx tsx scripts/gen-policy-docs.ts`. Do not edit by hand. -->",
    "",
    "The security guidelines of the seeds (000 Trusted Applications, 002 security best practices,",
    "003 entity reference, 004 scopes) are written once, as the rules in `lib/policy`. The form, the",
    "save action, the review dashboard, the lint CLI and the token endpoint all ask the same rules.",
    "Where the seeds are silent the rules follow RFC 6749, RFC 8252 and RFC 9700 and say so.",
    "",
    "## Severity",
    "",
    ...table(
      ["Severity", "Meaning"],
      [
        [
          "error",
          "Cannot work safely: the token endpoint refuses the flows listed in the finding's `flows` (logging the rule id) for as long as the finding stands.",
        ],
        ["warning", "Risky but allowed: saving needs the administrator's acknowledgement."],
        ["info", "Advice: shown, never blocks."],
      ],
    ),
    "",
    "Flows: `authorization_code` (interactive sign-in), `client_credentials` (service access as the",
    "SystemUser), `basic` (legacy Basic authentication), `reference_tokens` (PAT/SAT issuance).",
    "",
    `## Configuration rules (${RULES.length})`,
    "",
    "Checked on every Trusted Application by `lintApp` / `lintFleet`.",
    "",
    ...table(
      ["Id", "Severity", "Flows", "Triggers", "Why", "Fix", "Source"],
      RULES.map((r) => [`\`${r.id}\``, r.severity, flows(r), r.triggers, r.why, r.fix, sources(r)]),
    ),
    "",
    `## Request rules (${REQUEST_RULES.length})`,
    "",
    "Applied to each request by the decisions of `lib/policy` (`decideScopes`, `decideRedirectUri`,",
    "`decidePkce`, `decideUserType`, `decideRefreshScopes`, `decideGrantStillValid`, …) at the",
    "authorization, token and end-session endpoints; the endpoint answers as the Answer column says",
    "(an OAuth error; `not_granted`: the request goes on without it; `no_redirect`: the identity",
    "server shows its own page instead of redirecting) and logs the rule id.",
    "",
    ...table(
      ["Id", "Answer", "Flows", "Triggers", "Why", "Fix", "Source"],
      REQUEST_RULES.map((r) => [`\`${r.id}\``, `\`${r.error}\``, flows(r), r.triggers, r.why, r.fix, sources(r)]),
    ),
    "",
    "## Scopes (seed 004)",
    "",
    ...table(
      ["Scope", "Availability", "Identity scope", "Description"],
      Object.values(SCOPES).map((s) => [`\`${s.name}\``, s.availability, s.identity ? "yes" : "no", s.description]),
    ),
    "",
    "## Seed sentence → rule ids",
    "",
    "Every guideline sentence of the seeds, and what enforces it.",
    "",
    ...table(
      ["Seed", "Section", "Sentence", "Rule ids", "Enforced by"],
      GUIDELINES.map((g) => [
        g.source,
        g.section,
        `"${g.sentence}"`,
        g.ruleIds.length === 0 ? "—" : g.ruleIds.map((id) => `\`${id}\``).join(", "),
        g.enforcedBy ?? "",
      ]),
    ),
    "",
  ];
  return lines.join("\n");
}
