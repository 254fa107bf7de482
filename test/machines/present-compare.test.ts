/**
 * Presenter mode for a comparison: the sync carries a comparison ({ kind: "compare", flows, seed,
 * step }) as it carries a flow, and refuses a malformed one; the presenter's address reads back
 * to what it shows; an audience window knows when a new row is enough and when to run new traces.
 */
import { afterEach, describe, expect, it } from "vitest";
import {
  compareLinkOf,
  parsePresentCompareUrl,
  presentCompareHref,
  presentCompareQuery,
  sameComparison,
  shownCompare,
} from "@/machines/present-compare";
import {
  channelName,
  createAudienceSync,
  createPresenterSync,
  parseMessage,
  parseState,
  SYNC_VERSION,
  type PresentationState,
  type ShownCompare,
  type SyncChannel,
} from "@/machines/presentation-sync";

const opened: BroadcastChannel[] = [];
const closers: { close(): void }[] = [];

afterEach(() => {
  for (const closer of closers.splice(0)) closer.close();
  for (const channel of opened.splice(0)) channel.close();
});

function channel(session: string): SyncChannel {
  const made = new BroadcastChannel(channelName(session));
  opened.push(made);
  return made as unknown as SyncChannel;
}

function compared(step: number, overrides: Partial<ShownCompare> = {}): PresentationState {
  return { shown: { kind: "compare", flows: ["authorization-code", "authorization-code-pkce"], seed: "class-7", step, ...overrides }, blank: false, qr: false };
}

async function until<T>(received: T[], count: number): Promise<T[]> {
  for (let i = 0; i < 200 && received.length < count; i++) await new Promise((resolve) => setTimeout(resolve, 5));
  return received;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 60));

describe("presentation sync of a comparison", () => {
  it("sends the audience every moment of a comparison the presenter shows, in order", async () => {
    let current = compared(1);
    const presenter = createPresenterSync({ channel: channel("cmp1"), session: "cmp1", current: () => current });
    closers.push(presenter);
    const seen: PresentationState[] = [];
    closers.push(createAudienceSync({ channel: channel("cmp1"), session: "cmp1", onState: (received) => seen.push(received) }));
    await until(seen, 1);
    for (let step = 2; step <= 20; step++) {
      current = compared(step);
      presenter.publish(current);
    }
    await until(seen, 20);
    expect(seen.map((received) => received.shown.step)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(seen.at(-1)).toEqual(compared(20));
  });

  it("carries three flows, the seed and the blank screen to a late audience window", async () => {
    const current = compared(5, { flows: ["implicit", "authorization-code-pkce", "device-code"], seed: "room-2" });
    closers.push(createPresenterSync({ channel: channel("cmp3"), session: "cmp3", current: () => ({ ...current, blank: true }) }));
    await settle();
    const seen: PresentationState[] = [];
    closers.push(createAudienceSync({ channel: channel("cmp3"), session: "cmp3", onState: (received) => seen.push(received) }));
    await until(seen, 1);
    expect(seen).toEqual([{ ...current, blank: true }]);
  });

  it("switches an audience window from a flow to a comparison when the presenter does", async () => {
    let current: PresentationState = { shown: { kind: "flow", flow: "implicit", scenario: "happy-path", seed: "demo", step: 3 }, blank: false, qr: false };
    const presenter = createPresenterSync({ channel: channel("switch"), session: "switch", current: () => current });
    closers.push(presenter);
    const seen: PresentationState[] = [];
    closers.push(createAudienceSync({ channel: channel("switch"), session: "switch", onState: (received) => seen.push(received) }));
    await until(seen, 1);
    current = compared(2);
    presenter.publish(current);
    await until(seen, 2);
    expect(seen.map((received) => received.shown.kind)).toEqual(["flow", "compare"]);
  });

  it("ignores malformed comparisons without throwing, and keeps following the good ones", async () => {
    const seen: PresentationState[] = [];
    closers.push(createAudienceSync({ channel: channel("cjunk"), session: "cjunk", onState: (received) => seen.push(received) }));
    const sender = channel("cjunk");
    const base = { v: SYNC_VERSION, session: "cjunk", type: "state" };
    const shown = (fields: Record<string, unknown>) => ({ ...base, state: { shown: { kind: "compare", flows: ["a", "b"], seed: "s", step: 1, ...fields }, blank: false, qr: false } });
    const junk: unknown[] = [
      shown({ flows: ["a"] }),
      shown({ flows: ["a", "b", "c", "d"] }),
      shown({ flows: ["a", "a"] }),
      shown({ flows: "a,b" }),
      shown({ flows: ["a", 7] }),
      shown({ flows: ["<img src=x onerror=alert(1)>", "b"] }),
      shown({ flows: undefined, flow: "a" }),
      shown({ seed: "has space" }),
      shown({ seed: undefined }),
      shown({ step: 0 }),
      shown({ step: 1.5 }),
      shown({ step: "3" }),
      shown({ kind: "slides" }),
    ];
    for (const message of junk) sender.postMessage(message);
    sender.postMessage({ ...base, state: compared(9) });
    await until(seen, 1);
    await settle();
    expect(seen).toEqual([compared(9)]);
  });

  it("parses a comparison's state into a fresh copy, not the sender's array", () => {
    const flows = ["authorization-code", "implicit"];
    const message = parseMessage({ v: SYNC_VERSION, session: "copy", type: "state", state: { shown: { kind: "compare", flows, seed: "demo", step: 2 }, blank: false, qr: true } });
    expect(message).toEqual({ v: SYNC_VERSION, session: "copy", type: "state", state: { shown: { kind: "compare", flows, seed: "demo", step: 2 }, blank: false, qr: true } });
    flows.push("password");
    expect(message?.type === "state" && message.state.shown.kind === "compare" ? message.state.shown.flows : []).toHaveLength(2);
  });

  it("still reads a flow's state as before", () => {
    const state = { shown: { kind: "flow", flow: "implicit", scenario: "happy-path", seed: "demo", step: 4 }, blank: true, qr: false };
    expect(parseState(state)).toEqual(state);
  });
});

describe("the address of a presented comparison", () => {
  it("reads back what the presenter's address says: flows, seed and moment", () => {
    const shown = shownCompare({ flows: ["client-credentials", "device-code", "password"], seed: "room-9" }, 6);
    expect(shown).toEqual({ kind: "compare", flows: ["client-credentials", "device-code", "password"], seed: "room-9", step: 7 });
    const { location, notices } = parsePresentCompareUrl(presentCompareQuery(shown));
    expect(notices).toEqual([]);
    expect(location).toEqual({ flows: ["client-credentials", "device-code", "password"], seed: "room-9", mode: "together", steps: [7] });
  });

  it("names the audience window's session, and opens the compare page at the same moment for the room", () => {
    const shown = shownCompare({ flows: ["authorization-code", "implicit"], seed: "demo" }, 2);
    expect(presentCompareHref(shown)).toBe("/present/compare?flows=authorization-code,implicit&seed=demo&step=3");
    expect(presentCompareHref(shown, { session: "abc123" })).toBe("/present/compare?flows=authorization-code,implicit&seed=demo&step=3&view=audience&session=abc123");
    expect(compareLinkOf(shown)).toBe("/compare?flows=authorization-code,implicit&seed=demo&step=3");
  });

  it("presents a comparison linked 'each on its own' together from the first moment, and says so", () => {
    const { location, notices } = parsePresentCompareUrl("?flows=implicit,password&mode=apart&step=3,4");
    expect(location).toEqual({ flows: ["implicit", "password"], seed: "demo", mode: "together", steps: [1] });
    expect(notices.map((notice) => notice.field)).toEqual(["mode"]);
  });

  it("falls back with notices on a bad address instead of throwing", () => {
    const { location, notices } = parsePresentCompareUrl("?flows=<script>,implicit&seed=%00&step=-4");
    expect(location.flows).toHaveLength(2);
    expect(location.flows).toContain("implicit");
    expect(notices.length).toBeGreaterThanOrEqual(2);
  });

  it("knows when the audience can move to another row and when it must run new traces", () => {
    const location = { flows: ["authorization-code", "implicit"] as const, seed: "demo" };
    expect(sameComparison(location, { flows: ["authorization-code", "implicit"], seed: "demo" })).toBe(true);
    expect(sameComparison(location, { flows: ["implicit", "authorization-code"], seed: "demo" })).toBe(false);
    expect(sameComparison(location, { flows: ["authorization-code", "implicit", "password"], seed: "demo" })).toBe(false);
    expect(sameComparison(location, { flows: ["authorization-code", "implicit"], seed: "other" })).toBe(false);
    expect(sameComparison(undefined, { flows: ["authorization-code", "implicit"], seed: "demo" })).toBe(false);
  });
});
