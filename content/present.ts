/**
 * Words of presenter mode (/present/<flow>), the audience window it opens, the embed view
 * (/embed/<flow>) and short links (/s). Speaker notes are in content/speaker-notes.ts.
 */
export const presentText = {
  /** The link on each flow page. */
  presentLink: "Present",
  presentLinkHint: "Presenter mode: large type, clicker keys, an audience window, a QR code for the room",
  presenterTitle: (flow: string) => `Present: ${flow}`,
  audienceTitle: (flow: string) => `${flow} (audience)`,
  /** The step counter, large on screen. */
  counter: (step: number, count: number) => `${step} / ${count}`,
  counterLabel: (step: number, count: number) => `Step ${step} of ${count}`,
  loading: "Loading the flow…",
  failed: "The flow could not be run:",
  openAudience: "Open audience window",
  /** Visible button texts (each is part of the button's full name above or below). */
  openAudienceShort: "Audience window",
  blankShort: "Blank",
  qrShort: "QR",
  audienceBlocked: "The browser blocked the audience window. Allow pop-ups for this site, or open this address on the projector:",
  notesHeading: "Speaker notes",
  notesAsk: "Ask the room",
  noNote: "No note for this step.",
  blank: "Blank the screen",
  showQr: "Show QR code and link",
  hideQr: "Hide QR code and link",
  fullscreen: "Full screen",
  backToFlow: "Simulator",
  clock: "Time",
  elapsed: "Presenting for",
  keysHeading: "Keys",
  keys: [
    ["PageDown → Space", "next step"],
    ["PageUp ←", "previous step"],
    ["Home End", "first, last step"],
    ["B or .", "blank the screen (both windows)"],
    ["Q", "QR code and short link"],
    ["F", "full screen"],
  ] as const,
  blanked: "The screen is blank. Press B to show it again.",
  blankedAudience: "The screen is blank",
  waitingForPresenter: "Waiting for the presenter’s window…",
  qrHeading: "Follow along on your own device",
  qrAlt: (url: string) => `QR code for ${url}`,
  qrLoading: "Making the QR code…",
  qrFailed: "The QR code could not be made; type the link instead.",
  /** The stage's heading for screen readers. */
  stageHeading: "Stage: the messages between the roles",
  scenarioLabel: "Scenario",
  seedLabel: "Seed",
} as const;

export const embedText = {
  openInSimulator: "Open in the simulator",
  opensInNewTab: "(opens in a new tab)",
  controls: "Playback",
  first: "First step",
  back: "Previous step",
  next: "Next step",
  loading: "Loading the flow…",
  failed: "The flow could not be run:",
  insecure: "The page this view is embedded in is not served over HTTPS, so the browser withholds the WebCrypto the mock servers need. Embed it in an https:// page, or open it in the simulator.",
  stageHeading: "Stage: the messages between the roles",
} as const;

export const shortLinkText = {
  title: "Opening the flow…",
  redirecting: "Opening the flow at the step your teacher shows…",
  manual: "If nothing happens, open it here:",
  noFlow: "This short link names no flow.",
  unknownFlow: (flow: string) => `This short link names a flow the simulator does not have: “${flow.slice(0, 40)}”.`,
  homeLink: "See every flow",
} as const;

/** Presenter mode for a comparison (/present/compare?flows=a,b[,c]&seed=S&step=N). */
export const presentCompareText = {
  presenterTitle: "Present: compare flows",
  audienceTitle: "Compare flows (audience)",
  /** The visible heading: the flows' names, joined. */
  heading: (names: readonly string[]) => names.join(" · "),
  headingPrefix: "Comparing",
  counterLabel: (row: number, rows: number, phase: string) => `Moment ${row} of ${rows}: ${phase}`,
  loading: "Running the flows…",
  failed: "The flows could not be run:",
  stepOf: (step: number, count: number) => `Step ${step} of ${count}`,
  stageHeading: (name: string) => `${name}: the messages between the roles`,
  notesFor: (name: string) => name,
  waitingNote: "waiting for the other flows (its last step)",
  notStartedNote: "This flow has not started yet.",
  backToCompare: "Compare page",
  /** The "Present" link on the compare page. */
  presentLink: "Present",
  presentLinkHint: "Presenter mode for this comparison: large type, clicker keys, an audience window, a QR code for the room",
  keys: [
    ["PageDown → Space", "next moment (all flows)"],
    ["PageUp ←", "previous moment"],
    ["Home End", "first, last moment"],
    ["B or .", "blank the screen (both windows)"],
    ["Q", "QR code and link"],
    ["F", "full screen"],
  ] as const,
} as const;
