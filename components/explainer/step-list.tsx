import type { ExplainedStep } from "@/lib/oauth/explain";

const BADGES: Record<ExplainedStep["status"], { label: string; className: string; icon: string }> = {
  pass: { label: "Pass", icon: "✓", className: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200" },
  fail: { label: "Refused", icon: "✕", className: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200" },
  skipped: { label: "Not evaluated", icon: "–", className: "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300" },
  not_reached: { label: "Not reached", icon: "·", className: "bg-slate-50 text-slate-500 dark:bg-slate-900 dark:text-slate-500" },
};

export function StepList({ steps }: { steps: readonly ExplainedStep[] }) {
  return (
    <ol className="space-y-2" aria-label="Decision steps">
      {steps.map((step, i) => {
        const badge = BADGES[step.status];
        return (
          <li
            key={step.id}
            data-testid={`step-${step.id}`}
            data-status={step.status}
            className={`rounded-md border px-3 py-2 ${step.status === "fail" ? "border-red-300 dark:border-red-800" : "border-slate-200 dark:border-slate-800"} ${step.status === "not_reached" ? "opacity-60" : ""}`}
          >
            <div className="flex flex-wrap items-center gap-2">
              <span className="w-5 text-right font-mono text-xs text-slate-500">{i + 1}.</span>
              <span className="font-medium">{step.title}</span>
              <span className={`ml-auto rounded px-2 py-0.5 text-xs font-medium ${badge.className}`}>
                <span aria-hidden>{badge.icon} </span>
                {badge.label}
              </span>
            </div>
            <p className="mt-1 pl-7 text-sm text-slate-700 dark:text-slate-300">{step.note}</p>
            {step.status === "fail" && (
              <p className="mt-1 pl-7 text-sm">
                The client receives <code className="font-mono">HTTP {step.httpStatus}</code>{" "}
                <code className="font-mono font-semibold">{step.error}</code>
                {step.ruleId && (
                  <>
                    {" "}— rule <code className="font-mono font-semibold" data-testid="refusing-rule">{step.ruleId}</code>
                  </>
                )}
              </p>
            )}
          </li>
        );
      })}
    </ol>
  );
}
