// The room from the keyboard. The timeline is one tab stop (views/rooms/stage.tsx): a page of
// 50 messages held some 40 links (authors, links in the text), all between the composer and
// "load older". Inside it the arrow keys go from message to message, and Tab reaches the links
// of the message in focus only. PageUp and PageDown in the composer scroll the conversation, as
// they would if the box were not in the way; Escape closes the room's menu.
(() => {
  const messagesOf = (timeline) => [...timeline.querySelectorAll(".messages > .message")];
  // Not a code block: it keeps its own tab stop, since a wide one scrolls only from the keyboard there.
  const linksOf = (message) => message.querySelectorAll("a[href], button, [tabindex='0']:not(pre)");

  /** A message out of the tab order, its links too: the arrow keys reach it. */
  const quiet = (message) => {
    message.tabIndex = -1;
    for (const link of linksOf(message)) link.tabIndex = -1;
  };
  /** The message in focus lends its links to Tab (a grouped message's name is for screen readers only). */
  const wake = (message) => {
    for (const link of message.querySelectorAll("a[href], button")) {
      if (!link.matches(".continued > header .author")) link.tabIndex = 0;
    }
  };

  const quietAll = (root) => {
    if (root.nodeType !== 1) return;
    if (root.matches(".messages > .message")) quiet(root);
    for (const message of root.querySelectorAll(".messages > .message")) quiet(message);
  };

  let awake = null;
  document.addEventListener("focusin", (event) => {
    const message = event.target.closest?.(".messages > .message");
    if (message === awake) return;
    if (awake) quiet(awake);
    awake = message;
    if (message) wake(message);
  });

  const moves = {
    ArrowUp: (list, at) => (at < 0 ? list.length - 1 : Math.max(0, at - 1)),
    ArrowDown: (list, at) => (at < 0 ? list.length - 1 : Math.min(list.length - 1, at + 1)),
    Home: () => 0,
    End: (list) => list.length - 1,
  };

  document.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || event.isComposing) return;
    const target = event.target;

    // The composer: PageUp and PageDown page through the conversation above it.
    if (target.matches?.("form.composer textarea") && (event.key === "PageUp" || event.key === "PageDown")) {
      const timeline = target.closest("[hx-ws\\:connect]")?.querySelector(".timeline");
      if (!timeline) return;
      event.preventDefault();
      const page = timeline.clientHeight * 0.9;
      timeline.scrollBy({ top: event.key === "PageUp" ? -page : page });
      return;
    }

    // The room's menu: Escape closes it and gives focus in it back to its button (focus
    // elsewhere, in the composer say, stays where it is).
    if (event.key === "Escape") {
      const menu = document.querySelector("details.room-menu[open]");
      if (menu) {
        event.preventDefault();
        const within = menu.contains(document.activeElement);
        menu.open = false;
        if (within) menu.querySelector("summary")?.focus();
        return;
      }
    }

    // The timeline: from the timeline itself or one of its messages.
    const timeline = target.closest?.(".timeline");
    if (!timeline) return;
    const message = target.closest(".messages > .message");
    if (target !== timeline && !message) return;
    if (event.key === "Escape" && message) {
      event.preventDefault();
      timeline.focus();
      return;
    }
    const move = moves[event.key];
    const list = move && messagesOf(timeline);
    if (!list?.length) return;
    event.preventDefault();
    list[move(list, message ? list.indexOf(message) : -1)]?.focus();
  });

  document.addEventListener("DOMContentLoaded", () => {
    for (const timeline of document.querySelectorAll(".timeline")) {
      quietAll(timeline);
      // Messages that arrive (live, catch-up, older pages) join quietly too.
      new MutationObserver((changes) => {
        for (const change of changes) for (const node of change.addedNodes) quietAll(node);
      }).observe(timeline, { childList: true, subtree: true });
    }
  });
})();
