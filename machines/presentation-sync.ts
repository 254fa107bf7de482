/**
 * Presenter mode's sync: the presenter's window and the audience window it opens show the same
 * thing, kept in step over a BroadcastChannel — no server, nothing leaves the browser.
 *
 * - The presenter publishes its state whenever it changes, and once when it starts (so an
 *   audience window already open follows a presenter that reloads).
 * - The audience asks for the state when it opens ("hello"), again every second until one
 *   arrives (the presenter may still be loading), and then follows every state it receives.
 * - The audience may forward a key press (a clicker aimed at the projector window) as a command;
 *   only the presenter acts on it, and its next state brings both windows along.
 *
 * What is shown is generic: one flow ({ kind: "flow", … }) or a comparison of two or three flows
 * stepped together by phase ({ kind: "compare", … }). Messages are untrusted input: anything malformed, from another session or in
 * another version is ignored, never thrown on. The channel is injected, so Node tests use Node's
 * own BroadcastChannel and the page uses the browser's.
 */

/** Bumped when the message shape changes: windows of different versions ignore each other. */
export const SYNC_VERSION = 1;

/** What a presentation shows: one flow. */
export interface ShownFlow {
  readonly kind: "flow";
  readonly flow: string;
  readonly scenario: string;
  readonly seed: string;
  /** 1-based, as the flow page's address counts steps. */
  readonly step: number;
}

/** A comparison stepped together by phase (/present/compare): the flows, the seed and the row. */
export interface ShownCompare {
  readonly kind: "compare";
  /** Two or three flow ids, in column order. */
  readonly flows: readonly string[];
  readonly seed: string;
  /** 1-based: the row of the phase alignment, as the compare page's address counts it. */
  readonly step: number;
}

export type Shown = ShownFlow | ShownCompare;

export interface PresentationState {
  readonly shown: Shown;
  /** The screen is blanked (B or "."): the audience sees black. */
  readonly blank: boolean;
  /** The QR code and short link are on screen (Q). */
  readonly qr: boolean;
}

/** What a key press asks of the presentation. */
export type PresentationCommand = "NEXT" | "BACK" | "FIRST" | "LAST" | "TOGGLE_BLANK" | "TOGGLE_QR";

export const PRESENTATION_COMMANDS: readonly PresentationCommand[] = ["NEXT", "BACK", "FIRST", "LAST", "TOGGLE_BLANK", "TOGGLE_QR"];

export type PresentationMessage =
  | { readonly v: typeof SYNC_VERSION; readonly session: string; readonly type: "state"; readonly state: PresentationState }
  | { readonly v: typeof SYNC_VERSION; readonly session: string; readonly type: "hello" }
  | { readonly v: typeof SYNC_VERSION; readonly session: string; readonly type: "command"; readonly command: PresentationCommand };

/** The part of BroadcastChannel the sync uses: the browser's and Node's both fit. */
export interface SyncChannel {
  postMessage(message: unknown): void;
  addEventListener(type: "message", listener: (event: MessageEvent) => void): void;
  removeEventListener(type: "message", listener: (event: MessageEvent) => void): void;
  close(): void;
}

const CHANNEL_PREFIX = "oauth-flow-simulator:present:";
/** Session ids: short, URL-safe. */
const SESSION = /^[A-Za-z0-9_-]{1,40}$/;
/** Ids, scenarios and seeds as the flow page's address allows them, with room to spare. */
const TOKEN = /^[A-Za-z0-9._~-]{1,80}$/;
const MAX_STEP = 100_000;

/** The channel of one presentation: a presenter and its audience windows share it, other tabs do not. */
export function channelName(session: string): string {
  return `${CHANNEL_PREFIX}${session}`;
}

export function isSession(value: unknown): value is string {
  return typeof value === "string" && SESSION.test(value);
}

/** The session named in an address, or undefined when it is missing or unusable. */
export function parseSession(raw: string | null): string | undefined {
  return raw !== null && isSession(raw) ? raw : undefined;
}

/** A fresh session id (not a secret: it only keeps two presentations in one browser apart). */
export function newSession(random: () => number = Math.random): string {
  let id = "";
  for (let i = 0; i < 10; i++) id += "abcdefghijkmnpqrstuvwxyz23456789"[Math.floor(random() * 32) % 32];
  return id;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isToken(value: unknown): value is string {
  return typeof value === "string" && TOKEN.test(value);
}

function isStep(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= MAX_STEP;
}

/** A comparison names two or three flows (machines/compare.ts: MIN_FLOWS, MAX_FLOWS). */
const COMPARED_FLOWS = { min: 2, max: 3 } as const;

function parseCompared(value: unknown): string[] | undefined {
  if (!Array.isArray(value) || value.length < COMPARED_FLOWS.min || value.length > COMPARED_FLOWS.max) return undefined;
  const flows: string[] = [];
  for (const flow of value) {
    if (!isToken(flow) || flows.includes(flow)) return undefined;
    flows.push(flow);
  }
  return flows;
}

function parseShown(value: unknown): Shown | undefined {
  if (!isRecord(value)) return undefined;
  if (value.kind === "flow") {
    const { flow, scenario, seed, step } = value;
    if (!isToken(flow) || !isToken(scenario) || !isToken(seed) || !isStep(step)) return undefined;
    return { kind: "flow", flow, scenario, seed, step };
  }
  if (value.kind === "compare") {
    const { seed, step } = value;
    const flows = parseCompared(value.flows);
    if (!flows || !isToken(seed) || !isStep(step)) return undefined;
    return { kind: "compare", flows, seed, step };
  }
  return undefined;
}

export function parseState(value: unknown): PresentationState | undefined {
  if (!isRecord(value)) return undefined;
  const shown = parseShown(value.shown);
  if (!shown || typeof value.blank !== "boolean" || typeof value.qr !== "boolean") return undefined;
  return { shown, blank: value.blank, qr: value.qr };
}

/** A message from the channel, checked field by field; undefined for anything else. Never throws. */
export function parseMessage(data: unknown): PresentationMessage | undefined {
  try {
    if (!isRecord(data) || data.v !== SYNC_VERSION || !isSession(data.session)) return undefined;
    const session = data.session;
    switch (data.type) {
      case "hello":
        return { v: SYNC_VERSION, session, type: "hello" };
      case "state": {
        const state = parseState(data.state);
        return state ? { v: SYNC_VERSION, session, type: "state", state } : undefined;
      }
      case "command":
        return PRESENTATION_COMMANDS.includes(data.command as PresentationCommand)
          ? { v: SYNC_VERSION, session, type: "command", command: data.command as PresentationCommand }
          : undefined;
      default:
        return undefined;
    }
  } catch {
    // A getter that throws, a proxy …: still just a message to ignore.
    return undefined;
  }
}

function listen(channel: SyncChannel, session: string, handle: (message: PresentationMessage) => void): () => void {
  const listener = (event: MessageEvent) => {
    const message = parseMessage(event.data);
    if (message && message.session === session) handle(message);
  };
  channel.addEventListener("message", listener);
  return () => channel.removeEventListener("message", listener);
}

function post(channel: SyncChannel, message: PresentationMessage): void {
  try {
    channel.postMessage(message);
  } catch {
    // A closed channel: the other windows keep what they show.
  }
}

export interface PresenterSync {
  /** Tell every audience window what is shown now. */
  publish(state: PresentationState): void;
  close(): void;
}

export interface PresenterSyncOptions {
  readonly channel: SyncChannel;
  readonly session: string;
  /** What is shown now: answers an audience window that says hello. */
  readonly current: () => PresentationState | undefined;
  /** A key pressed in an audience window. */
  readonly onCommand?: (command: PresentationCommand) => void;
}

/** The presenter's end: announces its state at once (an audience window follows a presenter that reloads). */
export function createPresenterSync({ channel, session, current, onCommand }: PresenterSyncOptions): PresenterSync {
  let closed = false;
  const publish = (state: PresentationState) => {
    if (!closed) post(channel, { v: SYNC_VERSION, session, type: "state", state });
  };
  const stop = listen(channel, session, (message) => {
    if (message.type === "hello") {
      const state = current();
      if (state) publish(state);
    } else if (message.type === "command") {
      onCommand?.(message.command);
    }
  });
  const initial = current();
  if (initial) publish(initial);
  return {
    publish,
    close() {
      if (closed) return;
      closed = true;
      stop();
      channel.close();
    },
  };
}

export interface AudienceSync {
  /** Forward a key pressed in the audience window to the presenter. */
  command(command: PresentationCommand): void;
  close(): void;
}

export interface AudienceSyncOptions {
  readonly channel: SyncChannel;
  readonly session: string;
  /** Every state the presenter publishes, in order. */
  readonly onState: (state: PresentationState) => void;
  /** How often to ask again until the presenter answers (ms). */
  readonly retryMs?: number;
}

/** The audience's end: asks for the presenter's state until it gets one, then follows it. */
export function createAudienceSync({ channel, session, onState, retryMs = 1000 }: AudienceSyncOptions): AudienceSync {
  let closed = false;
  let timer: ReturnType<typeof setInterval> | undefined;
  const stopAsking = () => {
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
  };
  const stop = listen(channel, session, (message) => {
    if (message.type !== "state") return;
    stopAsking();
    onState(message.state);
  });
  const hello = () => post(channel, { v: SYNC_VERSION, session, type: "hello" });
  hello();
  timer = setInterval(hello, retryMs);
  return {
    command(command) {
      if (!closed) post(channel, { v: SYNC_VERSION, session, type: "command", command });
    },
    close() {
      if (closed) return;
      closed = true;
      stopAsking();
      stop();
      channel.close();
    },
  };
}

/** Presenter keys: clickers send PageDown/PageUp (some send "." or B to blank), keyboards the rest. */
const KEY_COMMANDS: Readonly<Record<string, PresentationCommand>> = {
  PageDown: "NEXT",
  ArrowRight: "NEXT",
  ArrowDown: "NEXT",
  " ": "NEXT",
  PageUp: "BACK",
  ArrowLeft: "BACK",
  ArrowUp: "BACK",
  Home: "FIRST",
  End: "LAST",
  b: "TOGGLE_BLANK",
  B: "TOGGLE_BLANK",
  ".": "TOGGLE_BLANK",
  q: "TOGGLE_QR",
  Q: "TOGGLE_QR",
};

/** The command a key asks for, if any. */
export function keyCommand(key: string): PresentationCommand | undefined {
  return Object.hasOwn(KEY_COMMANDS, key) ? KEY_COMMANDS[key] : undefined;
}
