import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CompareWith } from "@/components/compare/compare-with";
import { Oauth21Badge } from "@/components/flow-card";
import { ADDRESS_PENDING_SCRIPT } from "@/components/flow/address-pending";
import { flowPageData } from "@/components/flow/flow-data";
import { FlowPlayer } from "@/components/flow/flow-player";
import { PresentLink } from "@/components/present/present-link";
import { findFlow as findSummary } from "@/content/flows";
import { presentText } from "@/content/present";
import { FLOW_IDS } from "@/machines/flows";

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

export default async function FlowPage({ params }: Params) {
  const { flow: id } = await params;
  // The default path is recorded when the site is built, so the page opens on it at once; the
  // browser loads the engine only to run another scenario, seed or choice of scopes.
  const data = await flowPageData(id);
  if (!data) notFound();
  const { summary, info, initial, narration } = data;

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
        <PresentLink flow={info.id} label={presentText.presentLink} hint={presentText.presentLinkHint} />
      </div>
      <div className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1.5">
        <h1 className="text-2xl font-bold tracking-tight text-balance text-foreground sm:text-3xl">{summary.name}</h1>
        <Oauth21Badge status={summary.oauth21} label={summary.oauth21Label} />
        <span className="text-sm text-muted">{summary.spec}</span>
      </div>
      <p className="mt-1.5 max-w-3xl text-[0.9375rem] text-pretty text-muted sm:text-base">{summary.summary}</p>
      <CompareWith flow={info.id} name={summary.name} />
    </header>
  );

  return (
    <div className="mx-auto max-w-7xl px-4 pb-12 sm:px-6">
      {/* Before the player's markup: a shared link's step is not shown as step 1 first. Constant text. */}
      <script dangerouslySetInnerHTML={{ __html: ADDRESS_PENDING_SCRIPT }} />
      <FlowPlayer flow={info} initial={initial} header={header} narration={narration} />
    </div>
  );
}
