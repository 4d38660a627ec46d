// Output formats of `apps lint`: text for people, JSON for scripts, SARIF 2.1.0 for code
// scanning tools. Pure functions of the findings.
import type { Finding, Severity } from "@/lib/policy/types";
import type { RuleDoc } from "@/lib/policy/rule";

export interface AppFinding {
  applicationUri: string;
  ruleId: string;
  severity: Severity;
  field: string;
  message: string;
  fix: string;
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function atLeast(severity: Severity, min: Severity): boolean {
  return RANK[severity] <= RANK[min];
}

export function flatten(results: readonly { applicationUri: string; findings: readonly Finding[] }[], min: Severity): AppFinding[] {
  const out: AppFinding[] = [];
  for (const r of results) {
    for (const f of r.findings) {
      if (!atLeast(f.severity, min)) continue;
      out.push({ applicationUri: r.applicationUri, ruleId: f.ruleId, severity: f.severity, field: f.field, message: f.message, fix: f.fix });
    }
  }
  return out;
}

export function formatJson(findings: readonly AppFinding[]): string {
  return JSON.stringify(findings, null, 2);
}

export function formatText(findings: readonly AppFinding[], appCount: number): string {
  const lines: string[] = [];
  let current = "";
  for (const f of findings) {
    if (f.applicationUri !== current) {
      current = f.applicationUri;
      lines.push("", current);
    }
    lines.push(`  ${f.severity.padEnd(7)} ${f.ruleId}  ${f.field}: ${f.message}`, `          fix: ${f.fix}`);
  }
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  lines.push("", `${appCount} applications linted: ${counts.error} errors, ${counts.warning} warnings, ${counts.info} info.`);
  return lines.join("\n").trimStart();
}

const SARIF_LEVEL: Record<Severity, "error" | "warning" | "note"> = { error: "error", warning: "warning", info: "note" };

/** SARIF 2.1.0 (OASIS): one rule entry per rule id, one result per finding. */
export function formatSarif(findings: readonly AppFinding[], rules: readonly RuleDoc[]) {
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "trusted-apps-lint",
            rules: rules.map((r) => ({
              id: r.id,
              name: r.title,
              shortDescription: { text: r.title },
              fullDescription: { text: `${r.triggers} ${r.why}` },
              help: { text: r.fix },
              defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
            })),
          },
        },
        results: findings.map((f) => ({
          ruleId: f.ruleId,
          ...(ruleIndex.has(f.ruleId) ? { ruleIndex: ruleIndex.get(f.ruleId) } : {}),
          level: SARIF_LEVEL[f.severity],
          message: { text: `${f.message} Fix: ${f.fix}` },
          locations: [
            {
              logicalLocations: [
                { name: f.field, fullyQualifiedName: `${f.applicationUri}#${f.field}`, kind: "member" },
              ],
            },
          ],
          properties: { applicationUri: f.applicationUri, field: f.field },
        })),
      },
    ],
  };
}
