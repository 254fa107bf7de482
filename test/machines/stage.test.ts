import { beforeAll, describe, expect, it } from "vitest";
import { FLOWS, findFlow } from "@/machines/flows";
import { runFlow } from "@/machines/run";
import {
  arrowOf,
  channelTag,
  browserView,
  chipsOf,
  framePageAt,
  GRANTABLE_FLOWS,
  messageSummary,
  scopeChoicesOf,
  stageLanes,
  stepProblem,
  stepTone,
  submittedScopes,
  truncateMiddle,
  urlParts,
} from "@/machines/stage";
import type { Trace } from "@/machines/trace";

async function trace(flowId: string, scenarioId = "default", grantedScope?: readonly string[]): Promise<Trace> {
  const flow = findFlow(flowId)!;
  const scenario = flow.scenarios.find((candidate) => candidate.id === scenarioId)!;
  return runFlow(flow, grantedScope ? { ...scenario, grantedScope } : scenario, "demo");
}

const at = (t: Trace, id: string, nth = 0) => t.steps.filter((step) => step.id === id)[nth]!.index;

let code: Trace;
beforeAll(async () => {
  code = await trace("authorization-code");
});

describe("lanes", () => {
  it("puts the browser first and leaves the attacker out when no step involves it", () => {
    expect(code.roles).toContain("attacker");
    expect(stageLanes(code)).toEqual(["resourceOwner", "client", "authorizationServer", "resourceServer"]);
  });

  it("adds the attacker's lane last when a step involves it", async () => {
    expect(stageLanes(await trace("authorization-code", "csrf-state-checked"))).toEqual([
      "resourceOwner",
      "client",
      "authorizationServer",
      "resourceServer",
      "attacker",
    ]);
  });

  it("has no browser lane in a flow without a person", async () => {
    expect(stageLanes(await trace("client-credentials"))).toEqual(["client", "authorizationServer", "resourceServer"]);
  });

  it("draws a message from lane to lane, and a local step as a marker in its own lane", () => {
    const lanes = stageLanes(code);
    expect(arrowOf(code.steps[at(code, "redirect-to-authorization")]!, lanes)).toEqual({ from: 1, to: 0, direction: "left", span: [0, 1] });
    expect(arrowOf(code.steps[at(code, "token-request")]!, lanes)).toEqual({ from: 1, to: 2, direction: "right", span: [1, 2] });
    expect(arrowOf(code.steps[at(code, "generate-state")]!, lanes)).toEqual({ from: 1, to: 1, direction: "self", span: [0, 2] });
  });
});

describe("messages", () => {
  it("summarises a request by method and address, a response by status and where it redirects", () => {
    expect(messageSummary(code.steps[0]!)).toBe("GET webapp.example/login");
    expect(messageSummary(code.steps[at(code, "authorization-response")]!)).toBe("303 See Other → webapp.example/callback");
    expect(messageSummary(code.steps[at(code, "token-response")]!)).toBe("200 OK");
  });

  it("says how a front-channel message travels: through the browser, on a screen, or outside HTTP", async () => {
    expect(channelTag(code.steps[at(code, "authorization-response")]!)).toBe("via browser");
    expect(channelTag(code.steps[at(code, "token-request")]!)).toBeUndefined();
    const device = await trace("device-code");
    expect(channelTag(device.steps[at(device, "show-user-code")]!)).toBe("on screen");
    const csrf = await trace("authorization-code", "csrf-state-checked");
    expect(channelTag(csrf.steps[at(csrf, "csrf-link")]!)).toBe("outside HTTP");
  });

  it("finds no problem on the default path", () => {
    expect(code.steps.map(stepProblem).filter(Boolean)).toEqual([]);
    expect(new Set(code.steps.map(stepTone))).toEqual(new Set(["ok"]));
  });

  it("names the RFC error code of a refused token request", async () => {
    const expired = await trace("authorization-code", "code-expired");
    const step = expired.steps[at(expired, "token-error")]!;
    expect(stepProblem(step)).toEqual({ code: "invalid_grant", description: "authorization code is expired" });
    expect(stepTone(step)).toBe("error");
  });

  it("reads a 403 from the WWW-Authenticate challenge or the body", async () => {
    const narrow = await trace("authorization-code-pkce", "insufficient-scope");
    expect(stepProblem(narrow.steps[at(narrow, "api-error")]!)?.code).toBe("insufficient_scope");
  });

  it("marks a failed check as the problem of the step that made it", async () => {
    const csrf = await trace("authorization-code", "csrf-state-checked");
    expect(stepProblem(csrf.steps[at(csrf, "verify-callback")]!)).toEqual({ code: "check failed", description: "state matches the one this browser session started with" });
  });

  it("reads an error redirect as a problem", async () => {
    const denied = await trace("authorization-code", "consent-denied");
    expect(stepProblem(denied.steps[at(denied, "authorization-response")]!)?.code).toBe("access_denied");
  });

  it("tells a polling device to wait rather than marking it failed", async () => {
    const device = await trace("device-code");
    expect(stepTone(device.steps[at(device, "device-token-error")]!)).toBe("wait");
  });

  it("shows an artifact that travels twice in one message once", () => {
    for (const step of code.steps) {
      const chips = chipsOf(step);
      expect(new Set(chips.map((chip) => `${chip.kind}:${chip.value}`)).size).toBe(chips.length);
    }
  });

  it("shortens long values in the middle", () => {
    expect(truncateMiddle("short")).toBe("short");
    expect(truncateMiddle("GG0v_fG2kcGnR697RzlDFTMIKCP_5Cq9t-AXiXC4OYs", 14)).toBe("GG0v_fG2kc…OYs");
  });
});

describe("the resource owner's browser", () => {
  it("is blank before the person does anything", async () => {
    const csrf = await trace("authorization-code", "csrf-state-checked");
    expect(browserView(csrf, 0)).toEqual({ page: { kind: "blank" }, active: false });
  });

  it("shows the request's address while it loads, and a redirect's Location", () => {
    expect(browserView(code, 0)).toMatchObject({ url: "https://webapp.example/login", page: { kind: "loading" }, active: true });
    const redirect = browserView(code, at(code, "authorization-response"));
    expect(redirect.page.kind).toBe("redirect");
    expect(redirect.url).toMatch(/^https:\/\/webapp\.example\/callback\?code=/);
  });

  it("shows the authorization server's page at the address that asked for it, with its scope boxes", () => {
    const view = browserView(code, at(code, "login-page"));
    expect(view.url).toMatch(/^https:\/\/authorization-server\.example\/authorize\?response_type=code/);
    expect(view.page).toMatchObject({ kind: "page", from: "authorizationServer", status: 200, title: "Sign in to continue to Acme Orders (server-side web app)" });
    if (view.page.kind !== "page") throw new Error("not a page");
    expect(scopeChoicesOf(view.page.html)).toEqual([
      { value: "profile", checked: true },
      { value: "order", checked: true },
    ]);
  });

  it("keeps the page it shows while the servers talk over the back channel", () => {
    const view = browserView(code, at(code, "token-request"));
    expect(view).toMatchObject({ url: expect.stringContaining("/callback?code="), page: { kind: "loading" }, active: false });
  });

  it("keeps the implicit grant's token in the address bar: the fragment stays in the browser", async () => {
    const implicit = await trace("implicit");
    const view = browserView(implicit, at(implicit, "callback"));
    expect(view.url).toMatch(/^https:\/\/legacy\.example\/callback#access_token=ey/);
    const parts = urlParts(view.url!);
    expect(parts.find((part) => part.kind === "value" && part.highlight === "access_token")?.inFragment).toBe(true);
    expect(browserView(implicit, at(implicit, "read-fragment")).page).toEqual({ kind: "script", url: view.url });
  });

  it("says who else reads the address bar", async () => {
    const intercepted = await trace("authorization-code-pkce", "code-intercepted-pkce-off");
    expect(browserView(intercepted, at(intercepted, "code-intercepted")).readBy).toBe("attacker");
  });

  it("shows an attacker's lure as a link, not as an address", async () => {
    const tampered = await trace("authorization-code", "redirect-uri-tampered");
    expect(browserView(tampered, 0)).toMatchObject({ page: { kind: "link", from: "attacker" }, active: true });
  });

  it("shows a device's own screen without an address bar", async () => {
    const device = await trace("device-code");
    const view = browserView(device, at(device, "show-user-code"));
    expect(view.url).toBeUndefined();
    expect(view.page).toMatchObject({ kind: "page", from: "client", title: "Sign in on your phone" });
  });

  it("keeps the frame on the last page shown while the browser follows a redirect, and loads the first page ahead only when asked", () => {
    const pages = code.steps.map((_, i) => browserView(code, i).page);
    const login = at(code, "login-page");
    expect(pages.slice(0, login).every((page) => page.kind !== "page")).toBe(true);
    expect(framePageAt(pages, 0)).toBeUndefined();
    expect(framePageAt(pages, login - 1)).toBeUndefined();
    expect(framePageAt(pages, 0, { ahead: true })).toBe(pages[login]);
    expect(framePageAt(pages, login, { ahead: true })).toBe(pages[login]);
    expect(framePageAt(pages, login)).toBe(pages[login]);
    const redirect = at(code, "authorization-response");
    expect(pages[redirect]!.kind).toBe("redirect");
    const lastPageBefore = pages.slice(0, redirect + 1).findLast((page) => page.kind === "page");
    expect(framePageAt(pages, redirect)).toBe(lastPageBefore);
    expect(framePageAt([{ kind: "blank" }], 0)).toBeUndefined();
  });

  it("reads the scopes the person left ticked from their answer", async () => {
    expect(submittedScopes(code, at(code, "login-page"))).toEqual(["profile", "order"]);
    const narrow = await trace("authorization-code", "default", ["order"]);
    expect(submittedScopes(narrow, at(narrow, "login-page"))).toEqual(["order"]);
  });
});

describe("urlParts", () => {
  it("marks code and state in the query", () => {
    const parts = urlParts("https://webapp.example/callback?code=abc&state=xyz&iss=https%3A%2F%2Fas");
    expect(parts.map((part) => part.text).join("")).toBe("https://webapp.example/callback?code=abc&state=xyz&iss=https%3A%2F%2Fas");
    expect(parts.filter((part) => part.kind === "value" && part.highlight).map((part) => [part.highlight, part.text])).toEqual([
      ["code", "abc"],
      ["state", "xyz"],
    ]);
  });

  it("leaves an address it cannot split as it is", () => {
    expect(urlParts("not a url")).toEqual([{ text: "not a url", kind: "path" }]);
  });
});

describe("GRANTABLE_FLOWS", () => {
  it.each(GRANTABLE_FLOWS)("%s sends the scopes the person ticks", async (flowId) => {
    const narrow = await trace(flowId, "default", ["profile"]);
    const page = narrow.steps.find((step) => step.id === "login-page")!;
    expect(submittedScopes(narrow, page.index)).toEqual(["profile"]);
  });

  it("names flows that exist", () => {
    for (const id of GRANTABLE_FLOWS) expect(Object.keys(FLOWS)).toContain(id);
  });
});
