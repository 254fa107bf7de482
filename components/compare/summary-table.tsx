import { Oauth21Badge } from "@/components/flow-card";
import { artifactStyle } from "@/components/flow/artifact-chip";
import { ARTIFACT_LABELS } from "@/components/flow/lanes";
import { cn } from "@/components/ui/cn";
import { compareText, SUMMARY_ROWS, type SummaryRowId } from "@/content/compare";
import type { FlowSummary } from "@/content/flows";
import type { FlowFacts } from "@/machines/compare";
import type { ArtifactKind } from "@/machines/trace";

function Kinds({ kinds, empty }: { kinds: readonly ArtifactKind[]; empty: string }) {
  if (kinds.length === 0) return <span className="text-muted">{empty}</span>;
  return (
    <ul className="flex flex-wrap gap-1">
      {kinds.map((kind) => (
        <li key={kind} data-kind={kind} className={cn("rounded-md border px-1.5 py-px font-mono text-[0.6875rem] leading-4", artifactStyle(kind))}>
          {ARTIFACT_LABELS[kind] ?? kind}
        </li>
      ))}
    </ul>
  );
}

function YesNo({ value }: { value: boolean }) {
  return <span className={value ? "font-semibold text-foreground" : "text-muted"}>{value ? compareText.yes : compareText.no}</span>;
}

function Cell({ row, facts, summary }: { row: SummaryRowId; facts: FlowFacts; summary: FlowSummary }) {
  switch (row) {
    case "steps":
      return <>{facts.steps}</>;
    case "roundTrips":
      return <>{compareText.roundTrips(facts.roundTrips, facts.frontRoundTrips, facts.backRoundTrips)}</>;
    case "frontChannel":
      return <>{facts.frontMessages}</>;
    case "backChannel":
      return <>{facts.backMessages}</>;
    case "crossesBrowser":
      return <Kinds kinds={facts.crossesBrowser} empty={compareText.none} />;
    case "secretsClient":
      return <Kinds kinds={facts.secrets.client ?? []} empty={compareText.none} />;
    case "secretsResourceOwner":
      return facts.secrets.resourceOwner ? <Kinds kinds={facts.secrets.resourceOwner} empty={compareText.none} /> : <span className="text-muted">{compareText.notInFlow}</span>;
    case "secretsAuthorizationServer":
      return <Kinds kinds={facts.secrets.authorizationServer ?? []} empty={compareText.none} />;
    case "secretsResourceServer":
      return <Kinds kinds={facts.secrets.resourceServer ?? []} empty={compareText.none} />;
    case "userInvolved":
      return <YesNo value={facts.userInvolved} />;
    case "refreshToken":
      return <YesNo value={facts.refreshToken} />;
    case "oauth21":
      return <Oauth21Badge status={summary.oauth21} label={summary.oauth21Label} />;
    case "fitsApp":
      return <>{summary.audience}</>;
  }
}

/** The differences between the flows, one row per measure, one column per flow. */
export function SummaryTable({ facts, summaries }: { facts: readonly FlowFacts[]; summaries: readonly FlowSummary[] }) {
  return (
    <section aria-labelledby="compare-summary-heading" className="flex flex-col gap-2">
      <h2 id="compare-summary-heading" className="text-xl font-semibold tracking-tight text-foreground">
        {compareText.summaryHeading}
      </h2>
      <p className="max-w-3xl text-sm text-muted">{compareText.summaryIntro}</p>
      <div tabIndex={0} role="region" aria-label={compareText.summaryHeading} className="overflow-x-auto rounded-xl border border-line bg-surface-raised">
        <table className="w-full min-w-[34rem] border-collapse text-left text-sm" data-summary-table>
          <thead>
            <tr className="border-b border-line">
              <th scope="col" className="w-[32%] px-3 py-2 font-semibold text-muted">
                <span className="sr-only">{compareText.columnHeading}</span>
              </th>
              {summaries.map((summary) => (
                <th key={summary.id} scope="col" className="px-3 py-2 font-semibold text-foreground" data-flow={summary.id}>
                  {summary.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {SUMMARY_ROWS.map((row) => (
              <tr key={row.id} className="border-b border-line last:border-b-0" data-summary-row={row.id}>
                <th scope="row" className="px-3 py-2 align-top font-normal">
                  <span className="block font-semibold text-foreground">{row.label}</span>
                  <span className="block text-xs text-muted">{row.explanation}</span>
                </th>
                {facts.map((flowFacts, column) => (
                  <td key={flowFacts.flow} className="px-3 py-2 align-top text-foreground" data-fact={row.id} data-flow={flowFacts.flow}>
                    <Cell row={row.id} facts={flowFacts} summary={summaries[column]!} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
