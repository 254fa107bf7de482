import { cn } from "@/components/ui/cn";
import { truncateMiddle } from "@/machines/stage";
import type { Artifact, ArtifactKind } from "@/machines/trace";
import { ARTIFACT_LABELS } from "./lanes";

/** One colour family per kind of value, so a code or a token is recognisable wherever it travels. */
const KIND_STYLES: Readonly<Record<ArtifactKind, string>> = {
  state: "border-cyan-300 bg-cyan-50 text-cyan-950 dark:border-cyan-700 dark:bg-cyan-950 dark:text-cyan-100",
  code: "border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100",
  device_code: "border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100",
  user_code: "border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100",
  code_verifier: "border-sky-300 bg-sky-50 text-sky-950 dark:border-sky-700 dark:bg-sky-950 dark:text-sky-100",
  code_challenge: "border-sky-300 bg-sky-50 text-sky-950 dark:border-sky-700 dark:bg-sky-950 dark:text-sky-100",
  access_token: "border-violet-300 bg-violet-50 text-violet-950 dark:border-violet-700 dark:bg-violet-950 dark:text-violet-100",
  refresh_token: "border-fuchsia-300 bg-fuchsia-50 text-fuchsia-950 dark:border-fuchsia-700 dark:bg-fuchsia-950 dark:text-fuchsia-100",
  client_secret: "border-rose-300 bg-rose-50 text-rose-950 dark:border-rose-700 dark:bg-rose-950 dark:text-rose-100",
  password: "border-rose-300 bg-rose-50 text-rose-950 dark:border-rose-700 dark:bg-rose-950 dark:text-rose-100",
  iss: "border-slate-300 bg-slate-50 text-slate-900 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100",
  error: "border-red-400 bg-red-50 text-red-900 dark:border-red-700 dark:bg-red-950 dark:text-red-100",
};

export function artifactStyle(kind: ArtifactKind): string {
  return KIND_STYLES[kind] ?? KIND_STYLES.iss;
}

/**
 * A value a message carries, as a labelled chip: its name, a shortened value and where it travels.
 * The full value shows on hover (title) and when the chip is opened (click, Enter or Space).
 */
export function ArtifactChip({ artifact, className }: { artifact: Artifact; className?: string }) {
  const label = ARTIFACT_LABELS[artifact.kind] ?? artifact.kind;
  const short = truncateMiddle(artifact.value, 14);
  return (
    <details className={cn("flow-chip", className)} data-artifact={artifact.kind} data-value={artifact.value}>
      <summary
        title={`${label} (${artifact.where}): ${artifact.value}`}
        className={cn(
          "inline-flex max-w-full items-center gap-1 rounded-md border px-1.5 py-px text-[0.6875rem] leading-4 whitespace-nowrap",
          artifactStyle(artifact.kind),
        )}
      >
        <span className="font-semibold">{label}</span>
        <span className="font-mono">{short}</span>
        <span className="sr-only">, in the {artifact.where}. Show the full value.</span>
      </summary>
      <div
        className={cn(
          "flow-chip-full rounded-md border px-2 py-1.5 text-left font-mono text-[0.6875rem] leading-4 shadow-lg",
          artifactStyle(artifact.kind),
        )}
      >
        <span className="mb-0.5 block font-sans font-semibold">
          {label} <span className="font-normal">· in the {artifact.where}</span>
        </span>
        {artifact.value}
      </div>
    </details>
  );
}
