/**
 * Presenter mode's sync over Node's own BroadcastChannel (the same API the browser has): the
 * audience window follows the presenter, catches up when it opens late or the presenter reloads,
 * forwards keys, and shrugs off anything malformed or meant for another presentation.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  channelName,
  createAudienceSync,
  createPresenterSync,
  keyCommand,
  newSession,
  parseMessage,
  parseSession,
  SYNC_VERSION,
  type PresentationCommand,
  type PresentationState,
  type SyncChannel,
} from "@/machines/presentation-sync";

const opened: BroadcastChannel[] = [];
const closers: { close(): void }[] = [];

afterEach(() => {
  for (const closer of closers.splice(0)) closer.close();
  for (const channel of opened.splice(0)) channel.close();
  vi.useRealTimers();
});

function channel(session: string): SyncChannel {
  const opened_ = new BroadcastChannel(channelName(session));
  opened.push(opened_);
  return opened_ as unknown as SyncChannel;
}

function state(step: number, overrides: Partial<PresentationState> = {}): PresentationState {
  return { shown: { kind: "flow", flow: "authorization-code-pkce", scenario: "happy-path", seed: "demo", step }, blank: false, qr: false, ...overrides };
}

/** Resolves once `received` holds `count` items (BroadcastChannel delivers asynchronously). */
async function until<T>(received: T[], count: number): Promise<T[]> {
  for (let i = 0; i < 200 && received.length < count; i++) await new Promise((resolve) => setTimeout(resolve, 5));
  return received;
}

/** Lets every message in flight arrive. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 60));

describe("presentation sync", () => {
  it("sends the audience every step the presenter shows, in order", async () => {
    let current = state(1);
    const presenter = createPresenterSync({ channel: channel("room1"), session: "room1", current: () => current });
    closers.push(presenter);
    const seen: PresentationState[] = [];
    closers.push(createAudienceSync({ channel: channel("room1"), session: "room1", onState: (received) => seen.push(received) }));
    await until(seen, 1);
    for (let step = 2; step <= 20; step++) {
      current = state(step);
      presenter.publish(current);
    }
    await until(seen, 20);
    expect(seen.map((received) => received.shown.step)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(seen.at(-1)).toEqual(state(20));
  });

  it("catches up a late audience window on what the presenter shows now, blank screen included", async () => {
    const current = state(7, { blank: true, qr: true });
    closers.push(createPresenterSync({ channel: channel("late"), session: "late", current: () => current }));
    await settle();
    const seen: PresentationState[] = [];
    closers.push(createAudienceSync({ channel: channel("late"), session: "late", onState: (received) => seen.push(received) }));
    await until(seen, 1);
    expect(seen).toEqual([current]);
  });

  it("asks again until a presenter that is still loading answers", async () => {
    const seen: PresentationState[] = [];
    closers.push(createAudienceSync({ channel: channel("early"), session: "early", retryMs: 20, onState: (received) => seen.push(received) }));
    await settle();
    expect(seen).toEqual([]);
    // The presenter comes up with nothing to show yet, then with a step: the next hello gets it.
    const loaded: { state?: PresentationState } = {};
    closers.push(createPresenterSync({ channel: channel("early"), session: "early", current: () => loaded.state }));
    loaded.state = state(3);
    await until(seen, 1);
    expect(seen[0]).toEqual(state(3));
  });

  it("follows a presenter that reloads: the new page announces its step without being asked", async () => {
    const seen: PresentationState[] = [];
    closers.push(createAudienceSync({ channel: channel("reload"), session: "reload", onState: (received) => seen.push(received) }));
    const first = createPresenterSync({ channel: channel("reload"), session: "reload", current: () => state(4) });
    await until(seen, 1);
    first.close();
    closers.push(createPresenterSync({ channel: channel("reload"), session: "reload", current: () => state(5) }));
    await until(seen, 2);
    expect(seen.map((received) => received.shown.step)).toEqual([4, 5]);
  });

  it("stops asking once the presenter has answered", async () => {
    const sent: unknown[] = [];
    const fake: SyncChannel = {
      postMessage: (message) => sent.push(message),
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      close: () => undefined,
    };
    vi.useFakeTimers();
    const audience = createAudienceSync({ channel: fake, session: "count", retryMs: 100, onState: () => undefined });
    vi.advanceTimersByTime(350);
    expect(sent).toHaveLength(4);
    audience.close();
    vi.advanceTimersByTime(1000);
    expect(sent).toHaveLength(4);
  });

  it("hands the presenter the keys pressed in the audience window", async () => {
    const commands: PresentationCommand[] = [];
    closers.push(createPresenterSync({ channel: channel("keys"), session: "keys", current: () => state(1), onCommand: (command) => commands.push(command) }));
    const audience = createAudienceSync({ channel: channel("keys"), session: "keys", onState: () => undefined });
    closers.push(audience);
    audience.command("NEXT");
    audience.command("TOGGLE_BLANK");
    await until(commands, 2);
    expect(commands).toEqual(["NEXT", "TOGGLE_BLANK"]);
  });

  it("ignores malformed messages without throwing, and keeps following the good ones", async () => {
    const seen: PresentationState[] = [];
    closers.push(createAudienceSync({ channel: channel("junk"), session: "junk", onState: (received) => seen.push(received) }));
    const sender = channel("junk");
    const base = { v: SYNC_VERSION, session: "junk", type: "state" };
    const junk: unknown[] = [
      null,
      42,
      "state",
      [],
      {},
      { ...base },
      { ...base, state: { shown: { kind: "flow", flow: "x", scenario: "y", seed: "z", step: 0 }, blank: false, qr: false } },
      { ...base, state: { shown: { kind: "flow", flow: "x", scenario: "y", seed: "z", step: 2.5 }, blank: false, qr: false } },
      { ...base, state: { shown: { kind: "flow", flow: "<img src=x onerror=alert(1)>", scenario: "y", seed: "z", step: 1 }, blank: false, qr: false } },
      { ...base, state: { shown: { kind: "compare", flow: "x", scenario: "y", seed: "z", step: 1 }, blank: false, qr: false } },
      { ...base, state: { ...state(2), blank: "yes" } },
      { ...base, v: 99, state: state(2) },
      { ...base, session: "../other", state: state(2) },
      { v: SYNC_VERSION, session: "junk", type: "command", command: "EXPLODE" },
      { v: SYNC_VERSION, session: "junk", type: "reboot" },
    ];
    for (const message of junk) sender.postMessage(message);
    sender.postMessage({ ...base, state: state(9) });
    await until(seen, 1);
    await settle();
    expect(seen).toEqual([state(9)]);
  });

  it("parses nothing out of an object whose fields throw", () => {
    const hostile = {
      v: SYNC_VERSION,
      session: "s",
      get type(): string {
        throw new Error("boom");
      },
    };
    expect(() => parseMessage(hostile)).not.toThrow();
    expect(parseMessage(hostile)).toBeUndefined();
  });

  it("keeps two presentations in one browser apart: another session's channel and messages are ignored", async () => {
    const seenA: PresentationState[] = [];
    const seenB: PresentationState[] = [];
    closers.push(createAudienceSync({ channel: channel("room-a"), session: "room-a", onState: (received) => seenA.push(received) }));
    closers.push(createAudienceSync({ channel: channel("room-b"), session: "room-b", onState: (received) => seenB.push(received) }));
    closers.push(createPresenterSync({ channel: channel("room-a"), session: "room-a", current: () => state(2) }));
    // A message on room-a's channel that claims to be room-b's is ignored too.
    channel("room-a").postMessage({ v: SYNC_VERSION, session: "room-b", type: "state", state: state(8) });
    await until(seenA, 1);
    await settle();
    expect(seenA).toEqual([state(2)]);
    expect(seenB).toEqual([]);
  });
});

describe("presenter keys", () => {
  it.each([
    ["PageDown", "NEXT"],
    ["ArrowRight", "NEXT"],
    [" ", "NEXT"],
    ["PageUp", "BACK"],
    ["ArrowLeft", "BACK"],
    ["Home", "FIRST"],
    ["End", "LAST"],
    ["b", "TOGGLE_BLANK"],
    ["B", "TOGGLE_BLANK"],
    [".", "TOGGLE_BLANK"],
    ["q", "TOGGLE_QR"],
  ] as const)("maps %j to %s", (key, command) => {
    expect(keyCommand(key)).toBe(command);
  });

  it("maps other keys, and object property names, to nothing", () => {
    for (const key of ["Enter", "x", "toString", "constructor", "__proto__", ""]) expect(keyCommand(key)).toBeUndefined();
  });
});

describe("sessions", () => {
  it("makes URL-safe session ids that parseSession accepts", () => {
    const id = newSession();
    expect(parseSession(id)).toBe(id);
    expect(id).toMatch(/^[a-z0-9]{10}$/);
  });

  it("refuses a session id that could not be a channel name of ours", () => {
    for (const raw of [null, "", "a b", "<script>", "x".repeat(41)]) expect(parseSession(raw)).toBeUndefined();
  });
});
