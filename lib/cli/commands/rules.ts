// apps rules [--format text|json]: the policy rules with their documentation.
import { REQUEST_RULES, RULES } from "@/lib/policy";
import type { RuleDoc } from "@/lib/policy/rule";
import { CliError, oneOf, parseArgs, type CommandResult } from "../io";

function describe(rule: RuleDoc): string {
  const seed = rule.seed.map((q) => `    ${/^\d+$/.test(q.source) ? `seed ${q.source}` : q.source}: "${q.sentence}"`);
  return [
    `${rule.id} (${rule.severity}${rule.flows.length ? `; flows: ${rule.flows.join(", ")}` : ""})`,
    `  ${rule.title}`,
    `  triggers: ${rule.triggers}`,
    `  why:      ${rule.why}`,
    `  fix:      ${rule.fix}`,
    "  source:",
    ...seed,
  ].join("\n");
}

export async function rules(args: string[]): Promise<CommandResult> {
  const { positional, options } = parseArgs(args, { format: true });
  if (positional.length) throw new CliError(`Unexpected argument "${positional[0]}".`);
  const format = oneOf("format", options.get("format"), ["text", "json"] as const, "text");
  const all: RuleDoc[] = [...RULES, ...REQUEST_RULES];
  if (format === "json") {
    const docs = all.map(({ id, severity, title, triggers, why, seed, fix, flows }) => ({ id, severity, title, triggers, why, seed, fix, flows }));
    return { exitCode: 0, stdout: JSON.stringify(docs, null, 2) };
  }
  return {
    exitCode: 0,
    stdout: [
      "Configuration rules (checked on every app):",
      "",
      ...RULES.map(describe),
      "",
      "Token request rules (checked on every token request):",
      "",
      ...REQUEST_RULES.map(describe),
    ].join("\n\n").replace(/\n\n\n\n/g, "\n\n"),
  };
}
