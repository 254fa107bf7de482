/**
 * Text of the compare page (/compare): the phases flows are lined up by, the rows of the summary
 * table and what each means, and the page's own words. The figures themselves are measured from
 * the traces (machines/compare.ts); only their names and explanations live here.
 */
import type { Phase } from "@/machines/steps/phases";

export const PHASE_TEXT: Readonly<Record<Phase, { readonly label: string; readonly missing: string }>> = {
  authorize: { label: "Get authorization", missing: "No authorization phase: nobody signs in or approves in this flow." },
  tokens: { label: "Get tokens", missing: "No separate token phase: the token came with the authorization response." },
  api: { label: "Call the API", missing: "Not calling the API in this phase." },
  renew: { label: "Renew tokens", missing: "No renewal here: this flow does not use a refresh token at this point." },
  revoke: { label: "Revoke tokens", missing: "Not revoking any token." },
};

/** Row ids of the summary table, in order; the page fills each cell from the facts or from content/flows.ts. */
export type SummaryRowId =
  | "roundTrips"
  | "frontChannel"
  | "backChannel"
  | "crossesBrowser"
  | "secretsClient"
  | "secretsResourceOwner"
  | "secretsAuthorizationServer"
  | "secretsResourceServer"
  | "userInvolved"
  | "refreshToken"
  | "oauth21"
  | "fitsApp"
  | "steps";

export interface SummaryRowText {
  readonly id: SummaryRowId;
  readonly label: string;
  /** What the row means and how it is measured, under its label. */
  readonly explanation: string;
}

export const SUMMARY_ROWS: readonly SummaryRowText[] = [
  { id: "steps", label: "Steps", explanation: "Every step the run recorded, the local checks included." },
  { id: "roundTrips", label: "Round trips", explanation: "HTTP requests and the answers they got, counted in the trace." },
  { id: "frontChannel", label: "Front-channel messages", explanation: "Messages through the person's browser or screen: redirects, pages, forms." },
  { id: "backChannel", label: "Back-channel messages", explanation: "Messages server to server, never through the browser." },
  { id: "crossesBrowser", label: "What crosses the browser", explanation: "Values that travel through the browser or that the person comes to know." },
  { id: "secretsClient", label: "Secrets the client holds", explanation: "What the app must keep safe, from what it knew during the run." },
  { id: "secretsResourceOwner", label: "Secrets the person's browser holds", explanation: "What the browser ends up holding, the password the person types included." },
  { id: "secretsAuthorizationServer", label: "What the authorization server sees", explanation: "Secrets that reach the authorization server during the run (a real one stores only hashes of passwords and secrets)." },
  { id: "secretsResourceServer", label: "What the resource server sees", explanation: "Secrets that reach the API: ideally only the access token." },
  { id: "userInvolved", label: "A person takes part", explanation: "Someone signs in and approves (or types a password) during the run." },
  { id: "refreshToken", label: "Refresh token issued", explanation: "The authorization server hands out a refresh token, so the app can renew access on its own." },
  { id: "oauth21", label: "OAuth 2.1", explanation: "Where the flow stands in OAuth 2.1 and the Security BCP (RFC 9700)." },
  { id: "fitsApp", label: "Fits", explanation: "The kind of app the flow is made for." },
];

export const compareText = {
  title: "Compare flows",
  description: "Two or three OAuth flows side by side, stepped together phase by phase, with their differences measured from the runs themselves.",
  intro:
    "Stepped together, every flow is at the same moment — getting authorization, getting tokens, calling the API — so you see where one needs more steps than another, or none at all.",
  modeLegend: "Step the flows",
  modes: { together: "Together, phase by phase", apart: "Each on its own" },
  flowsLegend: "Flows to compare",
  flowLabel: (column: number) => `Flow ${column + 1}`,
  noFlow: "(none)",
  apply: "Compare",
  loading: "Running the flows…",
  failed: "The flows could not be run:",
  summaryHeading: "How they differ",
  summaryIntro: "Counted from the traces above, at the seed shown: change the seed and the codes change, not the counts.",
  columnHeading: "Flow",
  yes: "Yes",
  no: "No",
  none: "Nothing",
  notInFlow: "No person in this flow",
  roundTrips: (total: number, front: number, back: number) => `${total} (${front} via the browser, ${back} server to server)`,
  waiting: "Waiting for the other flows",
  notStarted: "Not started yet",
  open: "Open this flow",
  keysHint: "Keys: ← → step · Space play/pause · Home/End first/last",
  keysHintApart: "Keys move the flow you last stepped; each column has its own buttons.",
  status: (row: number, rows: number, phase: string) => `Moment ${row} of ${rows}: ${phase}`,
  columnStatus: (name: string, step: number, count: number, title: string) => `${name}: step ${step} of ${count}: ${title}`,
  compareWith: "Compare with…",
  compareWithLabel: (name: string) => `Compare ${name} with another flow`,
} as const;
