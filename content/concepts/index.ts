/**
 * The concept pages, in reading order: /concepts lists them, /concepts/<slug> shows one.
 * test/content/concepts.test.ts checks that every "try it" link names a real flow and scenario.
 */
import { oauth21Concept } from "./oauth-2-1";
import { pkceConcept } from "./pkce";
import { refreshAndRevocationConcept } from "./refresh-and-revocation";
import { rolesConcept } from "./roles";
import { scopesConcept } from "./scopes";
import { stateAndCsrfConcept } from "./state-and-csrf";
import { tokensConcept } from "./tokens";
import type { Concept } from "./types";

export type { Concept, ConceptBlock, ConceptSection, SpecReference, TryIt } from "./types";
export { PAGE_ANCHORS, specLabel, specUrl, tryItHref } from "./types";

export const CONCEPTS: readonly Concept[] = [
  rolesConcept,
  tokensConcept,
  scopesConcept,
  stateAndCsrfConcept,
  pkceConcept,
  refreshAndRevocationConcept,
  oauth21Concept,
];

export function findConcept(slug: string): Concept | undefined {
  return CONCEPTS.find((concept) => concept.slug === slug);
}

/** The index page's own text. */
export const conceptsIndex = {
  title: "Concepts",
  lead: "The ideas behind the flows, one page each: who the roles are, what tokens and scopes are, and the defences — state, PKCE, rotation, revocation — that the simulator's scenarios put to the test.",
  readingOrder: "Read them in order, or jump to the one a flow just made you wonder about. Every page ends with scenarios to try.",
} as const;
