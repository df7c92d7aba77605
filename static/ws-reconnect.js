// The room socket's one extension of hx-ws: a reconnect when the page says (static/connection.js
// decides when). Registered before htmx processes the page: this script is deferred, htmx starts
// on DOMContentLoaded.

/**
 * `parley-reconnect`: a reconnect when the page says. hx-ws (htmx.org 4.0.1, pinned in
 * package.json) draws its own wait before each retry (`reconnectDelay` doubling to
 * `reconnectMaxDelay`, ± `reconnectJitter`), starts over at every open, tells no one when the
 * next try comes, and has no way to cut a wait short. Parley needs a countdown on screen, a
 * backoff that only a socket that lived resets (a server that accepts and at once closes is not
 * hammered), and "Retry now", `online` and a tab shown again trying at once.
 *
 * So hx-ws's own wait never ends (its connection lives on through a wait, with its send queue
 * and its send events: Enter while offline still reaches the outbox), and the page ends it:
 * `parley:reconnect` on a connect element, `detail.delay` in ms (0: now), replaces any wait asked
 * for before. When it is over and the element has no socket open or opening, hx-ws ends that
 * connection as it does for an element that goes (`htmx:before:cleanup`; its `htmx:ws:close`
 * says `reason: "removed"`) and opens a new one on the element's trigger, which this extension
 * adds to every connect element (`parley:connect`, beside `load`). A new connection runs
 * `htmx:ws:before:connection`, where the page sets the address it resumes from. Frames still in
 * the old connection's queue go with it: typing signals, stale by then, and read marks, which
 * room.js sends again on every open (the outbox sends its own again, unacknowledged).
 */
(() => {
  const connectEvent = "parley:connect";
  /** setTimeout's longest wait, about 24.8 days: hx-ws's own retry never comes first. */
  const never = 2 ** 31 - 1;
  let api;
  const waits = new WeakMap();
  const connections = new WeakMap();

  const connectElements = (root) =>
    [root, ...(root.querySelectorAll?.("[hx-ws\\:connect]") ?? [])].filter((el) => el.matches?.("[hx-ws\\:connect]"));

  window.htmx.registerExtension("parley-reconnect", {
    init: (internalApi) => {
      api = internalApi;
      window.htmx.config.ws = {
        ...window.htmx.config.ws,
        reconnect: true,
        reconnectDelay: never,
        reconnectMaxDelay: never,
        reconnectJitter: 0,
      };
    },
    // Before hx-ws reads the element's trigger (it does after processing).
    htmx_before_process: (root) => {
      for (const room of connectElements(root)) {
        const trigger = room.getAttribute("hx-trigger") || "load";
        if (!trigger.split(",").some((spec) => spec.trim() === connectEvent))
          room.setAttribute("hx-trigger", `${trigger}, ${connectEvent}`);
      }
    },
    htmx_ws_before_connection: (room, { connection }) => {
      connections.set(room, connection);
    },
  });

  const reconnect = (room) => {
    waits.delete(room);
    const state = connections.get(room)?.socket?.readyState;
    if (!room.isConnected || state === WebSocket.OPEN || state === WebSocket.CONNECTING) return;
    api.triggerHtmxEvent(room, "htmx:before:cleanup");
    room.dispatchEvent(new CustomEvent(connectEvent));
  };

  document.addEventListener("parley:reconnect", (event) => {
    const room = event.target;
    if (!(room instanceof Element) || !room.matches("[hx-ws\\:connect]")) return;
    clearTimeout(waits.get(room));
    waits.set(
      room,
      setTimeout(() => reconnect(room), event.detail?.delay ?? 0),
    );
  });
})();
