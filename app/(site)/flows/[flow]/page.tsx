import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CompareWith } from "@/components/compare/compare-with";
import { Oauth21Badge } from "@/components/flow-card";
import type { FlowInfo, NarrationTable } from "@/components/flow/flow-info";
import { FlowPlayer } from "@/components/flow/flow-player";
import { PresentLink } from "@/components/present/present-link";
import { findFlow as findSummary } from "@/content/flows";
import { narrationFor, type Narration } from "@/content/narration";
import { presentText } from "@/content/present";
import { DEFAULT_SEED } from "@/machines/flow-url";
import { FLOW_IDS, findFlow, type FlowId } from "@/machines/flows";
import { runFlow } from "@/machines/run";
import { GRANTABLE_FLOWS } from "@/machines/stage";
import { STEPS } from "@/machines/steps";

/** Only the registry's flows exist; any other /flows/<id> is the site's 404 page. */
export const dynamicParams = false;

export function generateStaticParams() {
  return FLOW_IDS.map((flow) => ({ flow }));
}

type Params = { params: Promise<{ flow: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { flow: id } = await params;
  const summary = findSummary(id);
  if (!summary) return { title: "Flow not found" };
  return { title: summary.name, description: summary.summary };
}

/** A scenario id no flow uses, so narrationFor answers with the flow's own narration. */
const NO_SCENARIO = "\u0000flow";

/** This flow's narration only (the page ships no other flow's text), looked up with narrationFor. */
function narrationTable(flow: FlowId, scenarios: readonly string[]): NarrationTable {
  const steps: Record<string, Narration> = {};
  const byScenario: Record<string, Record<string, Narration>> = {};
  for (const stepId of Object.keys(STEPS)) {
    const shared = narrationFor(flow, NO_SCENARIO, stepId);
    if (shared) steps[stepId] = shared;
    for (const scenario of scenarios) {
      const own = narrationFor(flow, scenario, stepId);
      if (own && own !== shared) (byScenario[scenario] ??= {})[stepId] = own;
    }
  }
  return { steps, scenarios: byScenario };
}

export default async function FlowPage({ params }: Params) {
  const { flow: id } = await params;
  const flow = findFlow(id);
  const summary = findSummary(id);
  if (!flow || !summary) notFound();

  const info: FlowInfo = {
    id: flow.id,
    name: summary.name,
    oauth21: summary.oauth21,
    scenarios: flow.scenarios.map((scenario) => ({
      id: scenario.id,
      title: scenario.title,
      ...(scenario.grantedScope ? { grantedScope: scenario.grantedScope } : {}),
    })),
    grantable: GRANTABLE_FLOWS.includes(flow.id),
  };

  // The default path is recorded when the site is built, so the page opens on it at once; the
  // browser loads the engine only to run another scenario, seed or choice of scopes.
  const initial = await runFlow(flow, flow.scenarios[0]!, DEFAULT_SEED);

  const header = (
    <header className="pt-4 sm:pt-5">
      <div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1">
        <nav aria-label="Breadcrumb" className="text-sm text-muted">
          <a href="/#flows" className="rounded hover:text-foreground hover:underline">
            Flows
          </a>
          <span aria-hidden="true"> / </span>
          <span aria-current="page">{summary.name}</span>
        </nav>
        <PresentLink flow={flow.id} label={presentText.presentLink} hint={presentText.presentLinkHint} />
      </div>
      <div className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1.5">
        <h1 className="text-2xl font-bold tracking-tight text-balance text-foreground sm:text-3xl">{summary.name}</h1>
        <Oauth21Badge status={summary.oauth21} label={summary.oauth21Label} />
        <span className="text-sm text-muted">{summary.spec}</span>
      </div>
      <p className="mt-1.5 max-w-3xl text-[0.9375rem] text-pretty text-muted sm:text-base">{summary.summary}</p>
      <CompareWith flow={flow.id} name={summary.name} />
    </header>
  );

  return (
    <div className="mx-auto max-w-7xl px-4 pb-12 sm:px-6">
      <FlowPlayer flow={info} initial={initial} header={header} narration={narrationTable(flow.id, flow.scenarios.map((scenario) => scenario.id))} />
    </div>
  );
}
