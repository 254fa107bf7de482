import { afterEach, describe, expect, it } from "vitest";
import { ADDRESS_PENDING_ATTRIBUTE, ADDRESS_PENDING_SCRIPT, markAddressShown } from "@/components/flow/address-pending";
import { serializeFlowUrl } from "@/machines/flow-url";
import { serializeEdits } from "@/machines/edit-url";

afterEach(() => {
  document.documentElement.removeAttribute(ADDRESS_PENDING_ATTRIBUTE);
  window.history.replaceState(null, "", "/");
});

/** Opens the address, then runs the flow page's inline script as the page would, before the player's markup. */
function openWithScript(search: string): boolean {
  document.documentElement.removeAttribute(ADDRESS_PENDING_ATTRIBUTE);
  window.history.replaceState(null, "", `/flows/authorization-code${search}`);
  new Function(ADDRESS_PENDING_SCRIPT)();
  return document.documentElement.hasAttribute(ADDRESS_PENDING_ATTRIBUTE);
}

describe("a shared link's view, until the player shows it", () => {
  it("is pending for every address the player writes", () => {
    const written = serializeFlowUrl({ scenario: "state-mismatch", step: 5, seed: "lecture-7" });
    expect(openWithScript(written)).toBe(true);
    expect(openWithScript(`?step=1${serializeEdits([{ step: 4, where: "query", op: "set", name: "state", value: "x" }])}`)).toBe(true);
    for (const search of ["?scenario=default", "?seed=x", "?grant=read", "?utm=1&step=3", "?edit=4.query.remove.state"]) expect(openWithScript(search)).toBe(true);
  });

  it("is not pending for the page's own address, or parameters the player does not read", () => {
    for (const search of ["", "?", "?utm_source=mail", "?steps=5", "?mystep=5", "#step=5"]) expect(openWithScript(search)).toBe(false);
  });

  it("is shown once the player says so", () => {
    expect(openWithScript("?step=5")).toBe(true);
    markAddressShown();
    expect(document.documentElement.hasAttribute(ADDRESS_PENDING_ATTRIBUTE)).toBe(false);
  });

  it("is an inline script that only reads the address and writes its one attribute", () => {
    expect(ADDRESS_PENDING_SCRIPT).not.toMatch(/innerHTML|document\.write|eval|localStorage|fetch/);
    expect(ADDRESS_PENDING_SCRIPT.match(/setAttribute/g)).toHaveLength(1);
  });
});
