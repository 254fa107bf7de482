import type { Metadata } from "next";
import { ShortLinkRedirect } from "@/components/present/short-link-redirect";
import { shortLinkText } from "@/content/present";
import { FLOW_IDS, FLOWS } from "@/machines/flows";
import type { ScenarioTable } from "@/machines/short-link";

export const metadata: Metadata = { title: shortLinkText.title, robots: { index: false } };

/** Each flow's scenario ids, recorded when the site is built: the page ships no engine. */
const SCENARIOS: ScenarioTable = Object.fromEntries(FLOW_IDS.map((id) => [id, FLOWS[id].scenarios.map((scenario) => scenario.id)]));

/** Short links for a room (/s?f=pkce&n=3): expanded in the browser to the flow page's address. */
export default function ShortLinkPage() {
  return <ShortLinkRedirect scenarios={SCENARIOS} />;
}
