import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { EmbedPlayer } from "@/components/present/embed-player";
import { flowPageData } from "@/components/flow/flow-data";
import { findFlow as findSummary } from "@/content/flows";
import { FLOW_IDS } from "@/machines/flows";

/** The embed view of a flow, for iframes: `/embed/<flow>?scenario=&step=&seed=`. */
export const dynamicParams = false;

export function generateStaticParams() {
  return FLOW_IDS.map((flow) => ({ flow }));
}

type Params = { params: Promise<{ flow: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { flow: id } = await params;
  const summary = findSummary(id);
  return { title: summary?.name ?? "Flow not found", robots: { index: false } };
}

export default async function EmbedPage({ params }: Params) {
  const { flow: id } = await params;
  const data = await flowPageData(id);
  if (!data) notFound();
  return <EmbedPlayer flow={data.info} initial={data.initial} narration={data.narration} />;
}
