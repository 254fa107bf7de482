/**
 * A shared link (`?step=5&seed=…`) must not open on the wrong step. The static HTML of a flow page
 * shows the default path at step 1, because the build cannot know the address; the player reads it
 * once the page runs. Until then, the parts that depend on it are hidden (their space kept, so
 * nothing moves): the flow page runs ADDRESS_PENDING_SCRIPT before they are parsed, it marks <html>
 * when the address names a view, and the player removes the mark once that view is shown.
 */

/** The attribute on <html> while the address names a view the player has not shown yet. */
export const ADDRESS_PENDING_ATTRIBUTE = "data-address-pending";

/** The query parameters that choose what the flow page shows (machines/flow-url.ts, edit-url.ts). */
const VIEW_PARAMETER = /[?&](?:scenario|step|seed|grant|edit)=/;

/** Inline, before the player's markup: constant text that reads the address and writes one attribute. */
export const ADDRESS_PENDING_SCRIPT = `(function(){if(${VIEW_PARAMETER}.test(location.search))document.documentElement.setAttribute(${JSON.stringify(ADDRESS_PENDING_ATTRIBUTE)},"")})();`;

/** Called by the player once the view the address names is on screen (or cannot be). */
export function markAddressShown(): void {
  document.documentElement.removeAttribute(ADDRESS_PENDING_ATTRIBUTE);
}
