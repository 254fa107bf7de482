"use client";

import { createContext } from "react";
import type { ActorRefFrom } from "xstate";
import type { PlayerMachine } from "@/machines/player";

/**
 * The flow page's player, for the controls that load lazily and change what it shows (the request
 * editor, the tampering exercises, the edits bar). Only the context lives in the first load; what
 * those controls do with it is in ./tampering, fetched with them.
 */
export const FlowPlayerContext = createContext<{ readonly actor: ActorRefFrom<PlayerMachine>; readonly flow: string } | undefined>(undefined);
