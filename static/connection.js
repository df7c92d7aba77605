// The room's connection: shown on the page, and brought back fast. htmx's hx-ws extension owns
// the socket; this script owns the numbers: when to try again, which closes are final, where a
// new socket resumes, and what the person sees meanwhile. It speaks to hx-ws through its public
// configuration (`htmx.config.ws`) and events only; the one thing those cannot say is the small
// extension in ws-reconnect.js (loaded just before this script).

(() => {
  /**
   * Reconnect delays: 250 ms after the first failure, doubling to a CAP OF 4 S, each drawn at
   * random between half and all of that (so a restarted server is not hit by every page in the
   * same instant). A server that answers again is tried within 4 s; the browser's `online`
   * event, the tab being shown again and "Retry now" try at once.
   */
  const firstDelayMs = 250;
  const capMs = 4000;
  /** A drop shorter than this shows nothing: most reconnects are over by then. */
  const graceMs = 1000;
  /** An attempt not open after this long is dropped and tried again (a network that swallows packets). */
  const attemptTimeoutMs = 5000;
  /** A socket open this long was healthy: its loss starts the backoff again from the first step. */
  const healthyMs = 5000;
  /**
   * A hole live fragments have not filled after this long is asked for. Two instances deliver a
   * moment out of order all the time; a hole that lasts means the bus between them is down.
   */
  const holeGraceMs = 3000;

  const backoff = (failures) => {
    const ceiling = Math.min(capMs, firstDelayMs * 2 ** failures);
    return Math.round(ceiling * (0.5 + Math.random() * 0.5));
  };

  // Refusals (the server accepts, then closes with a 4xxx code): trying again cannot help.
  const final = {
    4401: {
      text: "Signed out: log in again to keep chatting.",
      link: "Log in",
      href: ({ dataset: { login } }) =>
        `${login}${login.includes("?") ? "&" : "?"}next=${encodeURIComponent(location.pathname)}`,
    },
    4403: {
      text: "Not allowed: you cannot chat in this room.",
      link: "All rooms",
      href: (onward) => onward.dataset.home,
    },
    4404: { text: "Room gone: this room no longer exists.", link: "All rooms", href: (onward) => onward.dataset.home },
  };
  // Inside another site's frame (/embed/…) there is no Parley to go to: start the frame again,
  // without the session that ended (a guest picks a nickname again; the site signs a new one).
  if (document.body?.classList.contains("embed")) {
    const fresh = () => {
      const url = new URL(location.href);
      url.searchParams.delete("session");
      return url.href;
    };
    final[4401] = { text: "Your session here has ended.", link: "Start again", href: fresh };
    final[4403] = { text: "Not allowed: you cannot chat in this room here.", link: "Start again", href: fresh };
    final[4404] = { text: "This room is no longer shared here.", link: "Reload", href: fresh };
  }
  const words = {
    connecting: "Connecting…",
    reconnecting: "Connection lost. Reconnecting…",
    offline: "You are offline. Messages wait here until you are back.",
  };

  /** Every code a close can carry. */
  const closeCodes = Array.from({ length: 4000 }, (_, i) => 1000 + i);
  // Set before htmx initialises (this script is deferred; htmx starts on DOMContentLoaded).
  // A hidden room keeps its socket: it still counts new messages in the tab's title and raises
  // notifications (room.js). hx-ws retries every close but a refusal (its own list is 1001,
  // 1005, 1006 and 1011–1014); after a refusal it lets the connection go.
  window.htmx.config.ws = {
    ...window.htmx.config.ws,
    pauseOnBackground: false,
    reconnectCodes: closeCodes.filter((code) => !final[code]),
  };

  /** One per room element (hx-ws:connect), made on its first connection event. */
  const links = new Map();
  const linkOf = (room) => {
    if (!(room instanceof Element) || !room.matches("[hx-ws\\:connect]")) return null;
    let link = links.get(room);
    if (!link) {
      link = {
        room,
        banner: room.querySelector(".connection"),
        connection: null,
        state: "connecting",
        code: null,
        failures: 0,
        openedAt: 0,
        downSince: Date.now(),
        nextAttemptAt: 0,
        connectingSince: 0,
        now: false,
        wasShown: false,
        ticker: 0,
        through: { seq: 0, id: 0 },
        throughItem: null,
        holeTimer: 0,
        // The room's changes (edits, deletions, reactions): every one up to `through` is shown;
        // `ahead` holds numbers seen past a skipped one. `gone`: places of messages deleted live.
        changes: { through: 0, ahead: new Set() },
        gone: new Set(),
      };
      links.set(room, link);
      set(link, "connecting");
    }
    return link;
  };

  const seqOf = (item) => Number(item?.dataset.seq ?? Number.NaN);

  /**
   * Where the page is whole: it holds every message of the room up to `through`. The server's
   * cursor (the first render, the end of every catch-up) says where that was; from there each
   * message in the next place (`data-seq`) moves it on. A message past a hole does not: with
   * several instances, one instance's newer message can arrive while another's older one is
   * held up (its bus down), and resuming after the newest shown would skip the older for good.
   */
  const wholeThrough = (link, list) => {
    const cursor = link.room.querySelector(".cursor");
    const told = { seq: Number(cursor?.dataset.throughSeq ?? 0), id: Number(cursor?.dataset.throughId ?? 0) };
    let { seq, id } = told.seq > link.through.seq ? told : link.through;
    // The element it ended at last time, while the list still holds it: no search per frame.
    let item =
      link.throughItem?.isConnected && link.throughItem.dataset.messageId === String(id) ? link.throughItem : null;
    item ??= id ? list.querySelector(`[data-message-id="${id}"]`) : null;
    for (;;) {
      // A message deleted while the page watched left its place empty: that is no hole.
      if (link.gone.has(seq + 1)) {
        link.gone.delete(seq + 1);
        seq += 1;
        continue;
      }
      let next = item ? item.nextElementSibling : list.querySelector(`[data-seq="${seq + 1}"]`);
      while (next && !next.dataset.seq) next = next.nextElementSibling;
      if (seqOf(next) !== seq + 1) break;
      seq += 1;
      id = Number(next.dataset.messageId);
      item = next;
    }
    link.through = { seq, id };
    link.throughItem = item;
    return link.through;
  };

  /**
   * Counts the room's changes: each live change leaves its number in the change log (and, for a
   * deletion, the place it emptied); the server's own word (`data-through-change`, on the first
   * render and after every catch-up) moves the count on at once. A number past a skipped one
   * waits in `ahead` until the skipped one comes, or a catch-up says it is covered.
   */
  const countChanges = (link) => {
    const log = link.room.querySelector(".change-log");
    if (!log) return null;
    const counted = link.changes;
    counted.through = Math.max(counted.through, Number(log.dataset.throughChange ?? 0));
    for (const mark of [...log.children]) {
      const number = Number(mark.dataset.change);
      if (number > counted.through) counted.ahead.add(number);
      if (mark.dataset.goneSeq) link.gone.add(Number(mark.dataset.goneSeq));
      mark.remove();
    }
    while (counted.ahead.delete(counted.through + 1)) counted.through += 1;
    for (const number of counted.ahead) if (number <= counted.through) counted.ahead.delete(number);
    return counted;
  };

  /** Every (re)connection resumes after the page's whole part; hx-ws reads connection.url on each attempt. */
  const resume = (link) => {
    const list = link.room.querySelector(".messages[role=log]");
    if (!link.connection || !list) return;
    const counted = countChanges(link);
    const url = new URL(link.connection.url);
    url.searchParams.set("after", String(wholeThrough(link, list).id));
    if (counted) url.searchParams.set("changes", String(counted.through));
    link.connection.url = url.href;
    watchForHole(link, list);
  };

  /** Whether the page lacks something it knows of: a message place or a change number skipped. */
  const hasHole = (link, list) => seqOf(list.lastElementChild) > link.through.seq || link.changes.ahead.size > 0;

  /** A hole that lasts is asked for on the open socket: the answer fills it from the database. */
  const watchForHole = (link, list) => {
    if (!hasHole(link, list)) {
      link.holeTimer = clearTimeout(link.holeTimer) ?? 0;
      return;
    }
    if (link.holeTimer) return;
    link.holeTimer = setTimeout(() => {
      link.holeTimer = 0;
      const { id } = wholeThrough(link, list);
      countChanges(link);
      if (!hasHole(link, list)) return;
      const form = link.room.querySelector("form.catch-up");
      if (form && link.connection?.socket?.readyState === WebSocket.OPEN) {
        form.elements.after.value = String(id);
        if (form.elements.changes) form.elements.changes.value = String(link.changes.through);
        form.dispatchEvent(new CustomEvent("parley:catch-up"));
      }
      // Asked again while it lasts (the answer may not have come, or the socket may have gone).
      watchForHole(link, list);
    }, holeGraceMs);
  };

  const set = (link, state, code = null) => {
    const changed = link.state !== state;
    link.state = state;
    link.code = code;
    if (state === "connected" || state === "final" || state === "paused") link.downSince = 0;
    else link.downSince ||= Date.now();
    const ticking = state === "connecting" || state === "reconnecting" || state === "offline";
    if (ticking && !link.ticker) link.ticker = setInterval(() => tick(link), 250);
    if (!ticking && link.ticker) link.ticker = clearInterval(link.ticker) ?? 0;
    render(link);
    if (changed)
      link.room.dispatchEvent(new CustomEvent("parley:connection", { bubbles: true, detail: { state, code } }));
  };

  const tick = (link) => {
    // An attempt that hangs (packets dropped, no answer) is closed, which schedules the next one.
    const socket = link.connection?.socket;
    if (socket?.readyState === WebSocket.CONNECTING) {
      link.connectingSince ||= Date.now();
      if (Date.now() - link.connectingSince > attemptTimeoutMs) socket.close();
    } else link.connectingSince = 0;
    render(link);
  };

  const render = (link) => {
    const { banner, state } = link;
    if (!banner) return;
    const down = state === "connecting" || state === "reconnecting" || state === "offline";
    const shown = state === "final" || (down && (state === "offline" || Date.now() - link.downSince >= graceMs));
    const text = shown
      ? state === "final"
        ? endingText(link) || final[link.code].text
        : words[state]
      : state === "connected" && link.wasShown
        ? "Connected again."
        : "";
    if (state === "connected") link.wasShown = false;
    if (shown) link.wasShown = true;
    banner.dataset.state = state;
    banner.dataset.shown = String(shown);
    const status = banner.querySelector(".connection-text");
    // Only a change is written, so the live region announces each state once, not every tick.
    if (status && status.textContent !== text) status.textContent = text;
    const countdown = banner.querySelector(".connection-countdown");
    if (countdown) countdown.textContent = shown && state !== "final" ? countdownText(link) : "";
    const retry = banner.querySelector(".connection-retry");
    if (retry) {
      const hide = !(shown && state !== "final");
      // Focus on a button about to vanish would fall to the page: hand it to the composer.
      if (hide && document.activeElement === retry) link.room.querySelector("form.composer textarea")?.focus();
      retry.hidden = hide;
    }
    const onward = banner.querySelector(".connection-link");
    if (onward) {
      onward.hidden = state !== "final";
      if (state === "final") {
        onward.textContent = final[link.code].link;
        onward.href = final[link.code].href(onward);
      }
    }
  };

  /** Why the server ended this socket, when it said so just before closing (removed, banned, deleted). */
  const endingText = (link) => link.room.querySelector(".connection-ending")?.dataset.text ?? "";

  const countdownText = (link) => {
    const socket = link.connection?.socket;
    const wait = link.nextAttemptAt - Date.now();
    if (socket?.readyState === WebSocket.CONNECTING || wait <= 0) return "Trying…";
    return `Next try in ${Math.ceil(wait / 1000)} s.`;
  };

  /** The next socket opens after `delay` ms (the extension above), in place of any wait set before. */
  const reconnectIn = (link, delay) => {
    link.nextAttemptAt = Date.now() + delay;
    link.room.dispatchEvent(new CustomEvent("parley:reconnect", { bubbles: true, detail: { delay } }));
  };

  /**
   * Try at once (browser back online, tab shown, "Retry now"). An attempt in flight or a socket
   * that may have died with the old network is closed: its close retries with no delay. A
   * closed one waiting for its next try stops waiting.
   */
  const connectNow = (link, why) => {
    const { connection } = link;
    if (!connection || link.state === "final" || document.hidden) return;
    link.failures = 0;
    const socket = connection.socket;
    if (socket?.readyState === WebSocket.OPEN && why !== "network") return;
    if (socket?.readyState === WebSocket.CONNECTING && why === "visible") return;
    if (socket && socket.readyState !== WebSocket.CLOSED) {
      link.now = true;
      socket.close();
      return;
    }
    reconnectIn(link, 0);
    render(link);
  };

  document.addEventListener("htmx:ws:before:connection", (event) => {
    const link = linkOf(event.target);
    if (!link) return;
    link.connection = event.detail.connection;
    resume(link);
  });

  document.addEventListener("htmx:ws:after:message:incoming", (event) => {
    const link = linkOf(event.target);
    if (!link) return;
    resume(link);
    // The reason for a close may be swapped in after the close itself was seen.
    if (link.state === "final") render(link);
  });

  document.addEventListener("htmx:ws:after:connection", (event) => {
    const link = linkOf(event.target);
    if (!link) return;
    link.connection = event.detail.connection;
    link.openedAt = Date.now();
    set(link, "connected");
  });

  document.addEventListener("htmx:ws:close", (event) => {
    const link = linkOf(event.target);
    const { connection, code, reason } = event.detail;
    if (!link || reason !== "closed" || !connection) return;
    link.connection = connection;
    const lived = link.openedAt ? Date.now() - link.openedAt : 0;
    link.openedAt = 0;
    // hx-ws lets the connection go after a refusal (its reconnectCodes, set above).
    if (final[code]) {
      set(link, "final", code);
      return;
    }
    if (lived >= healthyMs) link.failures = 0;
    const delay = link.now ? 0 : backoff(link.failures++);
    link.now = false;
    reconnectIn(link, delay);
    set(link, navigator.onLine ? "reconnecting" : "offline");
  });

  // Offline: the socket is as good as gone, so say so now rather than when TCP gives up.
  window.addEventListener("offline", () => {
    for (const link of links.values()) {
      const socket = link.connection?.socket;
      if (socket && socket.readyState !== WebSocket.CLOSED) socket.close();
      else if (link.state === "reconnecting") set(link, "offline");
    }
  });
  window.addEventListener("online", () => {
    for (const link of links.values()) connectNow(link, "network");
  });
  document.addEventListener("visibilitychange", () => {
    if (!document.hidden) for (const link of links.values()) connectNow(link, "visible");
  });
  document.addEventListener("click", (event) => {
    const button = event.target.closest?.(".connection [data-action=reconnect]");
    const link = button && linkOf(button.closest("[hx-ws\\:connect]"));
    if (link) connectNow(link, "retry");
  });
})();
