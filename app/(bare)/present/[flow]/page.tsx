import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { flowPageData, speakerNotesTable } from "@/components/flow/flow-data";
import { Presentation } from "@/components/present/presentation";
import { findFlow as findSummary } from "@/content/flows";
import { presentText } from "@/content/present";
import { FLOW_IDS, type FlowId } from "@/machines/flows";

/** Presenter mode for a flow: `/present/<flow>?scenario=&step=&seed=[&view=audience&session=]`. */
export const dynamicParams = false;

export function generateStaticParams() {
  return FLOW_IDS.map((flow) => ({ flow }));
}

type Params = { params: Promise<{ flow: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { flow: id } = await params;
  const summary = findSummary(id);
  return { title: summary ? presentText.presenterTitle(summary.name) : "Flow not found", robots: { index: false } };
}

export default async function PresentPage({ params }: Params) {
  const { flow: id } = await params;
  const data = await flowPageData(id);
  if (!data) notFound();
  return <Presentation flow={data.info} initial={data.initial} narration={data.narration} notes={speakerNotesTable(id as FlowId)} />;
}
