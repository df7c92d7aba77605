// The outbox: sends not yet stored, each shown as a pending item until the server answers.
// One intent, one message: a send goes out (again) on every reconnect with the same key until it
// is acknowledged, and the server stores a key once. A refusal turns the item into a "not sent"
// item (views/messages/refusal.tsx); a rate-limited send is held and goes again when due.
// Every send goes through hx-ws (its send events and queue), never straight onto the socket.
(() => {
  /** An answer that never comes (it should not) is asked for again after this long, same key. */
  const unansweredMs = 10_000;

  /** One outbox per room element (hx-ws:connect): its sends in the order they were made. */
  const outboxes = new Map();
  const outboxOf = (node) => {
    const room = node?.closest?.("[hx-ws\\:connect]");
    if (!room) return null;
    let outbox = outboxes.get(room);
    if (!outbox) {
      outbox = { room, items: new Map(), connection: null, sender: null, final: null, holdUntil: 0, timer: 0 };
      outboxes.set(room, outbox);
    }
    return outbox;
  };
  const isOpen = (outbox) => outbox.connection?.socket?.readyState === WebSocket.OPEN;

  /**
   * The outbox's own hx-ws:send element, made here once per room: a send is its `frame` field,
   * which hx-ws then sends as it is (see `htmx:ws:before:message:outgoing` below).
   */
  const senderOf = (outbox) => {
    if (outbox.sender?.isConnected) return outbox.sender;
    const form = document.createElement("form");
    form.className = "outbox-sender";
    form.hidden = true;
    form.setAttribute("hx-ws:send", "");
    form.setAttribute("hx-trigger", "parley:outbox");
    const frame = document.createElement("input");
    frame.type = "hidden";
    frame.name = "frame";
    form.append(frame);
    outbox.room.append(form);
    window.htmx.process(form);
    outbox.sender = form;
    return form;
  };
  const send = (outbox, frame) => {
    const form = senderOf(outbox);
    form.elements.frame.value = frame;
    form.dispatchEvent(new CustomEvent("parley:outbox"));
  };
  // hx-ws read the field when the send was raised; the frame goes as composer.js made it.
  document.addEventListener("htmx:ws:before:message:outgoing", (event) => {
    if (!event.target.matches?.("form.outbox-sender")) return;
    const { message } = event.detail;
    message.data = String(message.values.frame);
  });

  // static/composer.js: a send, its text already out of the box.
  document.addEventListener("parley:send", (event) => {
    const outbox = outboxOf(event.target);
    if (!outbox) return;
    const { key, body, frame } = event.detail;
    const item = { key, body, frame, state: "queued", socket: null, sentAt: 0, maybeStored: false, el: null };
    outbox.items.set(key, item);
    draw(outbox, item);
    flush(outbox);
  });

  /**
   * Sends the next send that is due, on the current connection: one at a time, each once the server
   * answered the one before. That keeps a person's messages in the order they wrote them
   * whatever befalls some of them (in a pipelined burst a later message could take a token the
   * limit just freed while an earlier one is held). Nothing goes before a held send's time.
   */
  const flush = (outbox) => {
    clearTimeout(outbox.timer);
    if (!isOpen(outbox)) return redrawAll(outbox);
    const wait = outbox.holdUntil - Date.now();
    if (wait > 0) {
      outbox.timer = setTimeout(() => flush(outbox), wait);
      return redrawAll(outbox);
    }
    for (const item of outbox.items.values()) {
      if (item.state === "failed") continue;
      // The socket it went out on: a send lost with an earlier one goes again.
      const { socket } = outbox.connection;
      const waiting = item.state === "sent" && item.socket === socket;
      if (!waiting || Date.now() - item.sentAt >= unansweredMs) {
        send(outbox, item.frame);
        Object.assign(item, { state: "sent", socket, sentAt: Date.now(), maybeStored: true });
      }
      outbox.timer = setTimeout(() => flush(outbox), unansweredMs);
      break;
    }
    redrawAll(outbox);
  };

  /**
   * After htmx swapped a frame in: an acknowledged send's item is gone (its message is in the
   * list); a refused one's item is now the server's "not sent" item: held (it goes again when
   * due) or failed (it waits for the person). Then the next send goes.
   */
  document.addEventListener("htmx:ws:after:message:incoming", (event) => {
    const outbox = outboxOf(event.target);
    if (!outbox?.items.size) return;
    for (const [key, item] of outbox.items) {
      const el = document.getElementById(`pending-${key}`);
      if (!el) outbox.items.delete(key);
      else if (el !== item.el) {
        Object.assign(item, { el, maybeStored: false });
        if (el.dataset.state !== "held") item.state = "failed";
        else {
          item.state = "held";
          const wait = Number.parseInt(el.dataset.retryAfterMs ?? "", 10);
          outbox.holdUntil = Math.max(outbox.holdUntil, Date.now() + (Number.isNaN(wait) ? 1000 : wait));
        }
      }
    }
    flush(outbox);
  });

  // A new socket: everything not yet acknowledged goes again (same keys), in order.
  document.addEventListener("htmx:ws:after:connection", (event) => {
    const outbox = outboxOf(event.target);
    if (!outbox) return;
    outbox.connection = event.detail.connection;
    flush(outbox);
  });
  document.addEventListener("htmx:ws:close", (event) => {
    const outbox = outboxOf(event.target);
    if (outbox) redrawAll(outbox);
  });
  // static/connection.js: a room that will not connect again (signed out, not allowed, gone).
  document.addEventListener("parley:connection", (event) => {
    const outbox = outboxOf(event.target);
    if (!outbox) return;
    const reason = outbox.room.querySelector(".connection [role=status]")?.textContent;
    outbox.final = event.detail.state === "final" ? reason : null;
    redrawAll(outbox);
  });

  // What a pending item says and offers. Held and failed items are the server's rendering (they
  // carry its reason) until they go out again.
  const view = (outbox, item) => {
    if (outbox.final) return { status: `Not sent. ${outbox.final}`, actions: ["edit", "discard"] };
    // Not sent since the server last refused it (or never): the person may still take it back.
    const takeBack = item.maybeStored ? [] : ["edit", "discard"];
    if (!isOpen(outbox)) return { status: "Waiting for the connection…", actions: takeBack };
    if (item.state === "queued" && outbox.holdUntil > Date.now())
      return { status: "Waiting to send…", actions: takeBack };
    return { status: "Sending…", actions: [] };
  };
  const labels = { retry: "Retry", edit: "Edit", discard: "Discard" };

  const draw = (outbox, item) => {
    const refused = item.state === "held" || item.state === "failed";
    if (refused && !outbox.final && item.el?.isConnected && !item.el.dataset.view) return;
    const { status, actions } = view(outbox, item);
    const signature = `${item.state}|${status}|${actions}`;
    if (item.el?.isConnected && item.el.dataset.view === signature) return;
    const el = document.createElement("article");
    el.id = `pending-${item.key}`; // pendingId() in views/messages/pending.tsx
    el.className = "message pending";
    Object.assign(el.dataset, { key: item.key, state: item.state, view: signature });
    const header = document.createElement("header");
    const line = document.createElement("span");
    line.className = "pending-status";
    line.textContent = status;
    header.append(line);
    const text = document.createElement("p");
    text.className = "body";
    text.textContent = item.body.trim();
    el.append(header, text);
    if (actions.length) {
      const bar = document.createElement("div");
      bar.className = "pending-actions";
      for (const action of actions) {
        const button = document.createElement("button");
        button.type = "button";
        button.dataset.action = action;
        button.textContent = labels[action];
        bar.append(button);
      }
      el.append(bar);
    }
    if (item.el?.isConnected) item.el.replaceWith(el);
    else outbox.room.querySelector(".pending-list")?.append(el);
    item.el = el;
  };
  const redrawAll = (outbox) => {
    for (const item of outbox.items.values()) draw(outbox, item);
  };

  document.addEventListener("click", (event) => {
    const button = event.target.closest?.(".pending-list button[data-action]");
    const el = button?.closest("article.pending");
    const outbox = outboxOf(el);
    if (!el || !outbox) return;
    const item = outbox.items.get(el.dataset.key);
    const action = button.dataset.action;
    if (action === "retry" && item?.state === "failed") {
      item.state = "queued";
      draw(outbox, item);
      flush(outbox);
      return;
    }
    // A send on its way may be stored already: only what the server refused, or what never
    // left, can be taken back.
    const settled = !item?.maybeStored || outbox.final;
    if ((action !== "edit" && action !== "discard") || !settled) return;
    const text = item?.body.trim() ?? el.querySelector(".body")?.textContent ?? "";
    if (item) outbox.items.delete(item.key);
    el.remove();
    flush(outbox);
    outbox.room.dispatchEvent(
      new CustomEvent("parley:take-back", { bubbles: true, detail: { text, edit: action === "edit" } }),
    );
  });

  // Leaving the page would lose what has not been stored yet: let the browser ask first.
  window.addEventListener("beforeunload", (event) => {
    for (const outbox of outboxes.values()) {
      if (outbox.items.size) {
        event.preventDefault();
        event.returnValue = "";
        return;
      }
    }
  });
})();
