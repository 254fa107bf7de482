"use client";

import { useMachine } from "@xstate/react";
import { assign, setup } from "xstate";

const counterMachine = setup({
  types: { context: {} as { count: number }, events: {} as { type: "INCREMENT" } },
  actions: { increment: assign({ count: ({ context }) => context.count + 1 }) },
}).createMachine({ context: { count: 0 }, on: { INCREMENT: { actions: "increment" } } });

/** One XState component: the floor a flow page is measured against (TOOLCHAIN.md). */
export function Counter() {
  const [snapshot, send] = useMachine(counterMachine);
  return (
    <button type="button" onClick={() => send({ type: "INCREMENT" })}>
      Clicked {snapshot.context.count} times
    </button>
  );
}
