import type { Finding, Severity } from "@/lib/policy/types";
import { SeverityBadge } from "@/components/ui/badge";

const TITLES: Record<Severity, string> = {
  error: "Errors: the token endpoint refuses the affected flows",
  warning: "Warnings: risky, allowed with acknowledgement",
  info: "Advice",
};

/** Findings grouped by severity, each with its rule id and fix. */
export function FindingsList({ findings, emptyText = "No findings: this configuration follows every guideline." }: { findings: readonly Finding[]; emptyText?: string }) {
  if (findings.length === 0) return <p className="text-sm text-emerald-800 dark:text-emerald-300" data-testid="no-findings">{emptyText}</p>;
  return (
    <div className="space-y-4" data-testid="findings">
      {(["error", "warning", "info"] as const).map((severity) => {
        const group = findings.filter((f) => f.severity === severity);
        if (group.length === 0) return null;
        return (
          <section key={severity} aria-label={TITLES[severity]}>
            <h3 className="mb-2 text-sm font-semibold">{TITLES[severity]} ({group.length})</h3>
            <ul className="space-y-2">
              {group.map((f) => (
                <li key={`${f.ruleId}-${f.field}-${f.message}`} className="rounded-md border border-slate-200 bg-white p-3 text-sm dark:border-slate-700 dark:bg-slate-900" data-testid="finding" data-rule-id={f.ruleId}>
                  <div className="flex flex-wrap items-center gap-2">
                    <SeverityBadge severity={f.severity} />
                    <code className="text-xs font-semibold">{f.ruleId}</code>
                    <span className="text-xs text-slate-600 dark:text-slate-400">{f.field}</span>
                  </div>
                  <p className="mt-1">{f.message}</p>
                  <p className="mt-1 text-slate-700 dark:text-slate-300"><span className="font-medium">Fix:</span> {f.fix}</p>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
