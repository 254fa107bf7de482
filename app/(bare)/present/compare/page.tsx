import type { Metadata } from "next";
import { Suspense } from "react";
import { speakerNotesTable } from "@/components/flow/flow-data";
import { ComparePresentation, type CompareNotes } from "@/components/present/compare-presentation";
import { presentCompareText } from "@/content/present";
import { FLOW_IDS } from "@/machines/flows/types";

export const metadata: Metadata = { title: presentCompareText.presenterTitle, robots: { index: false } };

/** Every flow's speaker notes, gathered when the site is built: the address picks the flows. */
const NOTES: CompareNotes = Object.fromEntries(FLOW_IDS.map((flow) => [flow, speakerNotesTable(flow)]));

/**
 * Presenter mode for a comparison: `/present/compare?flows=a,b[,c]&seed=S&step=N[&view=audience&session=]`.
 * A static segment, so it takes precedence over /present/[flow] (whose params are the flow ids,
 * and "compare" is none of them). The page is static; the player reads the address in the browser
 * and runs the flows there (the engine loads on first use).
 */
export default function PresentComparePage() {
  return (
    <Suspense>
      <ComparePresentation notes={NOTES} />
    </Suspense>
  );
}
