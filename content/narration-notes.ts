/**
 * The narration panel's own small texts, apart from content/narration.ts: the flow page imports
 * these in its first load, and must not pull every flow's narration in with them.
 */

/** The RFC's text on the IETF site, at the section. */
export function rfcUrl(rfc: string, section: string): string {
  return `https://www.rfc-editor.org/rfc/rfc${rfc}#section-${section}`;
}

/** Said above the narration when the learner changed the scopes granted on the consent page. */
export function customGrantNote(grantedScope: readonly string[]): string {
  const granted = grantedScope.length > 0 ? grantedScope.join(" ") : "nothing";
  return `You changed what the person grants (now: ${granted}). The text below describes the scenario as written; the stage, the browser and the inspector show your run.`;
}
