/**
 * The wire: every message between roles waits here until the learner steps, so "next step" is
 * "deliver the next message". Each delivery is one trace step, recorded through XState's
 * inspection API.
 */
import { assertEvent, assign, enqueueActions, setup } from "xstate";
import type { DeliverEvent, WireMessage, WireReplyEvent, WireSendEvent, WireStepEvent } from "./messages";

export const wireMachine = setup({
  types: {
    context: {} as { queue: readonly WireMessage[]; delivered: number },
    events: {} as WireSendEvent | WireReplyEvent | WireStepEvent,
  },
  actions: {
    enqueueMessage: assign({
      queue: ({ context, event }) => {
        assertEvent(event, "WIRE.SEND");
        return [...context.queue, event.message];
      },
    }),
    /** An HTTP response completes its exchange before anything else moves: it goes first. */
    enqueueReply: assign({
      queue: ({ context, event }) => {
        assertEvent(event, "WIRE.REPLY");
        return [event.message, ...context.queue];
      },
    }),
    /** Deliver the next message — as the learner edited it, when they did (tampering). */
    deliverNextMessage: enqueueActions(({ context, event, enqueue, system }) => {
      assertEvent(event, "WIRE.STEP");
      const [next, ...rest] = context.queue;
      if (!next) return;
      const message = event.edited ?? next;
      const delivery: DeliverEvent = { type: "DELIVER", message };
      enqueue.sendTo(system.get(message.to), delivery);
      enqueue.assign({ queue: rest, delivered: context.delivered + 1 });
    }),
  },
  guards: {
    hasMessageWaiting: ({ context }) => context.queue.length > 0,
  },
}).createMachine({
  id: "wire",
  description: "Holds each message until the learner steps, then delivers it",
  context: { queue: [], delivered: 0 },
  on: {
    "WIRE.SEND": { actions: "enqueueMessage" },
    "WIRE.REPLY": { actions: "enqueueReply" },
    "WIRE.STEP": { guard: "hasMessageWaiting", actions: "deliverNextMessage" },
  },
});
