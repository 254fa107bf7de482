/**
 * The shape every concept page has (after react.dev's learn pages): an intro, what you will
 * learn, sections with stable anchors, a recap, scenarios to try in the simulator, and the spec
 * sections to read. Text is plain; `backticks` mark code, which the page renders as code.
 */
import { rfcUrl } from "@/content/narration-notes";
import type { FlowId } from "@/machines/flows/types";

/** The building blocks a section is made of — the only ones the concept pages render. */
export type ConceptBlock =
  | { readonly kind: "paragraph"; readonly text: string }
  | { readonly kind: "list"; readonly ordered?: boolean; readonly items: readonly string[] }
  | { readonly kind: "definitions"; readonly items: readonly { readonly term: string; readonly definition: string }[] }
  /** Preformatted text: an HTTP message, a computation, a decoded token. */
  | { readonly kind: "code"; readonly label: string; readonly text: string }
  | { readonly kind: "callout"; readonly tone: "note" | "pitfall"; readonly title: string; readonly text: string };

export interface ConceptSection {
  /** The section's anchor on the page: stable, kebab-case, unique on the page. */
  readonly id: string;
  readonly title: string;
  readonly blocks: readonly ConceptBlock[];
}

/** A scenario of a flow that shows the concept at work: /flows/<flow>?scenario=<scenario>. */
export interface TryIt {
  readonly flow: FlowId;
  readonly scenario: string;
  /** What to look at, in a few words. */
  readonly label: string;
  /** What the learner will see happen. */
  readonly shows: string;
}

/** A section of an RFC, or an Internet-Draft by name (e.g. draft-ietf-oauth-v2-1). */
export interface SpecReference {
  readonly spec: string;
  readonly section?: string;
  readonly title: string;
}

export interface Concept {
  /** The page's address: /concepts/<slug>. */
  readonly slug: string;
  readonly title: string;
  /** One sentence for the index and the page's description. */
  readonly summary: string;
  readonly intro: readonly string[];
  readonly learn: readonly string[];
  readonly sections: readonly ConceptSection[];
  readonly recap: readonly string[];
  readonly tryIt: readonly TryIt[];
  readonly references: readonly SpecReference[];
}

/** Anchors the page itself uses around the concept's own sections. */
export const PAGE_ANCHORS = ["what-you-will-learn", "recap", "try-it", "read-the-spec"] as const;

export function tryItHref(tryIt: Pick<TryIt, "flow" | "scenario">): string {
  return `/flows/${tryIt.flow}?scenario=${encodeURIComponent(tryIt.scenario)}`;
}

/** Where to read a reference: the RFC Editor for RFCs, the IETF Datatracker for drafts. */
export function specUrl(reference: SpecReference): string {
  if (reference.spec.startsWith("draft-")) return `https://datatracker.ietf.org/doc/${reference.spec}/`;
  return reference.section ? rfcUrl(reference.spec, reference.section) : `https://www.rfc-editor.org/rfc/rfc${reference.spec}`;
}

/** “RFC 7636 §4.2”, or the draft's name. */
export function specLabel(reference: SpecReference): string {
  if (reference.spec.startsWith("draft-")) return reference.spec;
  return reference.section ? `RFC ${reference.spec} §${reference.section}` : `RFC ${reference.spec}`;
}
