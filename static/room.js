// The timeline: what HTML and htmx cannot do alone. (Connection: connection.js; sends: composer.js.)
// The server renders each message once for everyone, so what depends on the reader — their
// time zone, which message comes before which on their screen — is settled here.
(() => {
  const groupWithin = 5 * 60_000;
  /** How close to the top of the loaded history the reader scrolls before the older page is fetched. */
  const olderAheadPx = 300;
  const dayOf = (at) => at.toDateString();

  const dayLabel = (at) => {
    const today = new Date();
    const yesterday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1);
    if (dayOf(at) === dayOf(today)) return "Today";
    if (dayOf(at) === dayOf(yesterday)) return "Yesterday";
    const sameYear = at.getFullYear() === today.getFullYear();
    return at.toLocaleDateString([], {
      weekday: "long",
      month: "long",
      day: "numeric",
      year: sameYear ? undefined : "numeric",
    });
  };

  // "4:44 PM", not "04:44 PM": the reader's locale decides 12 or 24 hours, and a leading zero
  // only makes the time wider where it has least room (beside a grouped message).
  const clock = (at) => at.toLocaleTimeString([], { hour: "numeric", minute: "2-digit" });
  const shownAs = {
    datetime: (at) => `${at.toLocaleDateString()} ${clock(at)}`,
    date: (at) => at.toLocaleDateString([], { year: "numeric", month: "long", day: "numeric" }),
    recent: (at) =>
      dayOf(at) === dayOf(new Date()) ? clock(at) : at.toLocaleDateString([], { month: "short", day: "numeric" }),
  };

  // Times arrive in UTC; show them in the reader's zone. The full date and time shows on hover
  // and focus (app.css draws data-full).
  const localize = (root) => {
    for (const time of root.querySelectorAll?.("time[datetime]") ?? []) {
      const at = new Date(time.getAttribute("datetime"));
      if (Number.isNaN(at.getTime())) continue;
      time.textContent = (shownAs[time.dataset.format] ?? clock)(at);
      time.dataset.full = at.toLocaleString([], { dateStyle: "full", timeStyle: "short" });
    }
    // "edited": when, on hover.
    for (const mark of root.querySelectorAll?.(".edited[data-edited-at]") ?? []) {
      const at = new Date(mark.dataset.editedAt);
      if (!Number.isNaN(at.getTime()))
        mark.title = `Edited ${at.toLocaleString([], { dateStyle: "medium", timeStyle: "short" })}`;
    }
  };

  const messageAt = (message) => new Date(message.querySelector("time")?.getAttribute("datetime") ?? 0);
  // Who wrote a message, by username (the author link ends with it, under whatever path Parley
  // is mounted at): the name shown may be a display name, which two people can share and one
  // person can change.
  const authorOf = (message) => message.querySelector(".author")?.getAttribute("href")?.split("/").pop();
  const nameOf = (message) => message.querySelector(".author")?.textContent;

  // One author's messages a few minutes apart share one name and avatar; each new day opens
  // with its label. Only attributes change, so the log announces nothing extra. (No message's
  // links are tab stops until it has focus: static/keys.js.)
  const regroup = (timeline) => {
    let previous = null;
    for (const message of timeline.querySelectorAll(".messages > .message")) {
      const at = messageAt(message);
      const newDay = !previous || dayOf(previous.at) !== dayOf(at);
      const continued =
        !newDay && previous.author === authorOf(message) && at - previous.at >= 0 && at - previous.at < groupWithin;
      const day = newDay ? dayLabel(at) : null;
      if ((message.dataset.day ?? null) !== day) {
        if (day) message.dataset.day = day;
        else delete message.dataset.day;
      }
      if (message.classList.contains("continued") !== continued) message.classList.toggle("continued", continued);
      previous = { at, author: authorOf(message) };
    }
  };

  const isMessage = (node) => node.nodeType === 1 && node.classList.contains("message");

  // Messages that @mention the reader stand out (the server renders one fragment for everyone).
  // `mine` is the name a mention of the reader carries (data-mention), as the page's data-me-mention says.
  const markMentions = (root, mine) => {
    if (!mine || root.nodeType !== 1) return;
    const messages = isMessage(root) ? [root] : root.querySelectorAll(".message");
    for (const message of messages) {
      if (message.querySelector(`a.mention[data-mention="${CSS.escape(mine)}"]`)) message.classList.add("mentions-me");
    }
  };

  // While the tab is hidden, new messages count in the title and may raise a notification: every
  // message or only those that mention the reader, as the room's data-notify says.
  const alerts = (room) => {
    const loadedTitle = document.title;
    const loadedName = room.getAttribute("aria-label") ?? "";
    // A rename arrives as a new header (the room's socket): the title and notifications follow it.
    const name = () => room.querySelector(".room-header h1")?.textContent ?? loadedName;
    const title = () => loadedTitle.replace(loadedName, name());
    let unseen = 0;
    document.addEventListener("visibilitychange", () => {
      if (document.hidden) return;
      unseen = 0;
      document.title = title();
    });
    const toggle = room.querySelector("[data-action=allow-notifications]");
    if (toggle && window.Notification?.permission === "default") {
      toggle.hidden = false;
      toggle.addEventListener("click", () => Notification.requestPermission().then(() => (toggle.hidden = true)));
    }
    return (message, me) => {
      if (!document.hidden || authorOf(message) === me) return;
      unseen++;
      document.title = `(${unseen}) ${title()}`;
      const wanted = room.dataset.notify ?? "mentions";
      const mentioned = message.classList.contains("mentions-me");
      if (wanted === "none" || (wanted === "mentions" && !mentioned)) return;
      if (window.Notification?.permission !== "granted") return;
      const text = message.querySelector(".body")?.textContent?.trim() ?? "";
      new Notification(`${nameOf(message)} in ${name()}`, {
        body: text.length > 140 ? `${text.slice(0, 139)}…` : text,
        tag: `parley-${room.dataset.roomSlug}`,
        icon: document.querySelector("link[rel=icon]")?.href,
      });
    };
  };

  // The read mark: the newest message the reader has seen, sent (through the page's read-mark
  // form and its socket) while the page is visible and that message is on screen, at most once a
  // second. "On screen", not "scrolled to the bottom": a list that grew a few pixels under the
  // reader (a day's label, a font arriving) must not keep the room unread for ever.
  const reading = (room, log, newestOnScreen) => {
    const form = room.querySelector("form.read-mark");
    let sent = Number(room.dataset.readUpTo ?? 0);
    let timer = 0;
    const send = () => {
      timer = 0;
      const newest = Number(log?.lastElementChild?.dataset.messageId ?? 0);
      if (!form || document.hidden || !newestOnScreen() || newest <= sent) return;
      sent = newest;
      form.elements.read.value = String(newest);
      form.dispatchEvent(new CustomEvent("parley:read"));
    };
    return () => {
      timer ||= setTimeout(send, 1000);
    };
  };

  /**
   * Whether the log's newest message is on screen: half of it, or half the timeline's height of
   * a message taller than that. Watches whichever message is newest as messages arrive.
   */
  const newestWatch = (timeline, log, onSeen) => {
    let watched = null;
    let onScreen = false;
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          if (entry.target !== watched) continue;
          const half = (entry.rootBounds?.height ?? 0) / 2;
          onScreen = entry.isIntersecting && (entry.intersectionRatio >= 0.5 || entry.intersectionRect.height >= half);
        }
        if (onScreen) onSeen();
      },
      { root: timeline, threshold: [0, 0.25, 0.5, 0.75, 1] },
    );
    const update = () => {
      const newest = log?.lastElementChild ?? null;
      if (newest === watched) return;
      if (watched) observer.unobserve(watched);
      watched = newest;
      onScreen = false;
      if (newest) observer.observe(newest);
    };
    update();
    return { update, onScreen: () => onScreen };
  };

  // What came in since the reader's last visit opens with a "New" line (until the page reloads).
  const markUnread = (room, log, me) => {
    const after = Number(room.dataset.readUpTo ?? 0);
    for (const message of log?.children ?? []) {
      if (Number(message.dataset.messageId) > after && authorOf(message) !== me) {
        message.classList.add("unread-start");
        return;
      }
    }
  };

  const follow = (timeline) => {
    const stage = timeline.closest(".stage");
    const pill = stage?.querySelector(".new-messages");
    const log = timeline.querySelector("[role=log]");
    const me = timeline.closest("[data-me]")?.dataset.me;
    const mine = timeline.closest("[data-me-mention]")?.dataset.meMention;
    markMentions(timeline, mine);
    const room = timeline.closest("[data-room-slug]") ?? document.body;
    const alert = alerts(room);
    markUnread(room, log, me);
    const seen = new Set([...timeline.querySelectorAll(".message")].map((m) => m.id));
    // Where the page itself last scrolled to: a scroll event that finds the timeline there (or
    // further down) was the page's own, even if the list grew in between; only the reader
    // scrolling up leaves the bottom.
    let ownTop = 0;
    const toBottom = () => {
      timeline.scrollTop = timeline.scrollHeight;
      ownTop = timeline.scrollTop;
    };
    let atBottom = true;
    let loadingOlder = null;
    // Day labels first: they change the list's height, and the first scroll must see it.
    regroup(timeline);
    toBottom();
    let markSeen = () => {};
    const newest = newestWatch(timeline, log, () => markSeen());
    markSeen = reading(room, log, newest.onScreen);
    document.addEventListener("visibilitychange", markSeen);
    room.addEventListener("htmx:ws:after:connection", markSeen);

    const showPill = (shown) => {
      if (pill) pill.hidden = !shown;
    };
    timeline.addEventListener("scroll", () => {
      const gap = timeline.scrollHeight - timeline.scrollTop - timeline.clientHeight;
      atBottom = gap < 48 || (atBottom && timeline.scrollTop >= ownTop);
      if (atBottom) {
        showPill(false);
        markSeen();
      }
      // Scrolled up near the start of what is loaded: the older page comes by itself. Not while
      // focus is in the timeline: a keyboard moving there (Home, the button itself) loads with
      // the button, and the button stays for a page that does not scroll.
      const byKeyboard = timeline.contains(document.activeElement);
      if (timeline.scrollTop < olderAheadPx && !loadingOlder && !byKeyboard)
        timeline.querySelector(".older button")?.click();
    });
    // A timeline that shrinks (a phone's keyboard opening, a window resized) or a list that grows
    // without a new message (a day's label, an image, a font arriving) keeps the newest in view.
    const keepBottom = new ResizeObserver(() => {
      if (atBottom) toBottom();
    });
    keepBottom.observe(timeline);
    // Not the older pages: "load older" keeps the reader's place itself.
    for (const list of timeline.querySelectorAll("[role=log], .pending-list")) keepBottom.observe(list);
    // Whatever takes focus to the newest messages goes on to the composer: the pill vanishes as
    // it is used, and focus left on it would fall to the page.
    pill?.addEventListener("click", () => {
      toBottom();
      showPill(false);
      room.querySelector("form.composer textarea")?.focus({ preventScroll: true });
    });

    // "Load older" keeps the message the reader was looking at in place, and their focus on
    // the control (or on the start of the history once there is nothing older).
    timeline.addEventListener("htmx:before:request", (event) => {
      const older = event.target.closest?.(".older");
      if (!older) return;
      const anchor = [...timeline.querySelectorAll(".message")].find(
        (message) => message.offsetTop + message.offsetHeight > timeline.scrollTop,
      );
      loadingOlder = {
        control: event.target,
        anchor,
        offset: anchor ? anchor.offsetTop - timeline.scrollTop : 0,
        // Only a reader who was on the control (the keyboard) follows it to the next one.
        focused: document.activeElement === event.target,
      };
    });

    // A page that did not come (offline, a server error) must not hold the timeline still.
    timeline.addEventListener("htmx:error", (event) => {
      if (event.target.closest?.(".older")) loadingOlder = null;
    });

    new MutationObserver((changes) => {
      let arrived = false;
      let sent = false;
      for (const change of changes) {
        for (const node of change.addedNodes) {
          if (node.nodeType !== 1) continue;
          localize(node);
          markMentions(node, mine);
          if (change.target === log && isMessage(node) && !seen.has(node.id)) {
            arrived = true;
            alert(node, me);
          }
          if (isMessage(node)) seen.add(node.id);
          if (change.target.classList?.contains("pending-list")) sent = true;
        }
      }
      regroup(timeline);
      newest.update();
      if (loadingOlder) {
        const { control, anchor, offset, focused } = loadingOlder;
        if (anchor?.isConnected) timeline.scrollTop = anchor.offsetTop - offset;
        if (!control.isConnected) {
          loadingOlder = null;
          const next = timeline.querySelector(".older button, .older .history-start");
          if (focused) next?.focus({ preventScroll: true });
        }
        // The reader is up in the history: what arrives meanwhile raises the pill, as when reading.
        if (arrived) showPill(true);
      } else if (atBottom || sent) toBottom();
      else if (arrived) showPill(true);
      if (arrived) markSeen();
    }).observe(timeline, { childList: true, subtree: true });
  };

  document.addEventListener("DOMContentLoaded", () => {
    localize(document);
    for (const timeline of document.querySelectorAll(".timeline")) follow(timeline);
    // Live room lists (home): times that arrive are shown in the reader's zone too.
    for (const list of document.querySelectorAll("[hx-ws\\:connect]:not([data-room-slug])")) {
      new MutationObserver((changes) => {
        for (const change of changes) for (const node of change.addedNodes) if (node.nodeType === 1) localize(node);
      }).observe(list, { childList: true, subtree: true });
    }
  });
})();
