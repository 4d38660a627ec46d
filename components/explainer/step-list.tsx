import type { ExplainedStep } from "@/lib/oauth/explain";

const BADGES: Record<ExplainedStep["status"], { label: string; className: string; icon: string }> = {
  pass: { label: "Pass", icon: "✓", className: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200" },
  fail: { label: "Refused", icon: "✕", className: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200" },
  skipped: { label: "Not evaluated", icon: "–", className: "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300" },
  not_reached: { label: "Not reached", icon: "·", className: "bg-slate-50 text-slate-500 dark:bg-slate-900 dark:text-slate-500" },
};

const PHASES: Record<ExplainedStep["phase"], string> = {
  authorize: "Authorization endpoint (GET /id/connect/authorize)",
  user: "The user (sign-in and consent pages)",
  token: "Token endpoint (POST /id/connect/token)",
};

const ANSWERS: Record<NonNullable<ExplainedStep["answer"]>, string> = {
  page: "on the identity server's own page (no redirect)",
  redirect: "at the redirect URI",
  response: "in the token response",
};

export function StepList({ steps }: { steps: readonly ExplainedStep[] }) {
  const phases = new Set(steps.map((s) => s.phase));
  return (
    <ol className="space-y-2" aria-label="Decision steps">
      {steps.map((step, i) => {
        const badge = BADGES[step.status];
        const heading = phases.size > 1 && step.phase !== steps[i - 1]?.phase;
        return (
          <li key={step.id} className="space-y-2">
            {heading && <h2 className="pt-2 text-sm font-semibold text-slate-700 dark:text-slate-300">{PHASES[step.phase]}</h2>}
            <div
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
              {step.status === "fail" && step.error && (
                <p className="mt-1 pl-7 text-sm">
                  The client receives <code className="font-mono">HTTP {step.httpStatus}</code>{" "}
                  <code className="font-mono font-semibold">{step.error}</code>
                  {step.answer && <> {ANSWERS[step.answer]}</>}
                  {step.ruleId && (
                    <>
                      {" "}— rule <code className="font-mono font-semibold" data-testid="refusing-rule">{step.ruleId}</code>
                    </>
                  )}
                </p>
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
