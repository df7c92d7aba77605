// What a person does to a message: react, reply, edit, delete, copy its link. The room has ONE
// actions toolbar (views/rooms/message-actions.tsx); this puts it beside the message under the
// pointer, in focus (keys.js moves focus between messages) or tapped, so the message partial
// stays as small as the server renders it. Changes go over the room's socket as frames
// (src/rooms/frames/message-change.ts); their result comes back to every page as the broadcast
// (the message replaced or removed), never applied here first. Reactions are reactions.js's,
// replying and editing composer-modes.js's; deleting (after asking), copying the link and a
// reply's quote leading to what it answers are here.
(() => {
  const { barIn, meIn, isMessage, authorOf, nameOf, idOf } = window.parleyMessageDom;
  const composerIn = (node) => node?.closest?.("[hx-ws\\:connect]")?.querySelector("form.composer");
  const linkTo = (bar, id) => new URL(`${bar.dataset.roomUrl}?at=${id}`, location.href).href;

  // Frames go through hx-ws (its queue keeps them while the socket reconnects), from a hidden
  // form of this script's own, as outbox.js sends: the form's one field is the frame.
  const send = (room, fields) => {
    let form = room.querySelector(":scope > form.action-sender");
    if (!form) {
      form = document.createElement("form");
      form.className = "action-sender";
      form.hidden = true;
      form.setAttribute("hx-ws:send", "");
      form.setAttribute("hx-trigger", "parley:action");
      const frame = document.createElement("input");
      frame.type = "hidden";
      frame.name = "frame";
      form.append(frame);
      room.append(form);
      window.htmx.process(form);
    }
    form.elements.frame.value = JSON.stringify(fields);
    form.dispatchEvent(new CustomEvent("parley:action"));
  };
  document.addEventListener("htmx:ws:before:message:outgoing", (event) => {
    if (!event.target.matches?.("form.action-sender")) return;
    event.detail.message.data = String(event.detail.message.values.frame);
  });
  // A change asked for elsewhere (composer-modes.js: an edit's new text; reactions.js).
  document.addEventListener("parley:change", (event) => {
    const room = event.target.closest?.("[hx-ws\\:connect]");
    if (room) send(room, event.detail);
  });

  // Whether the reader's reaction `emoji` is on `message` (as reactions.js reads it).
  const mineIn = (message, emoji, me) =>
    [...message.querySelectorAll(".reaction")].some(
      (pill) => pill.dataset.emoji === emoji && (pill.dataset.people ?? "").split(" ").includes(me),
    );
  const react = (message, emoji) =>
    message.dispatchEvent(new CustomEvent("parley:react", { bubbles: true, detail: { emoji } }));

  // The toolbar, for one message at a time.
  let current = null;
  let bar = null;
  const place = () => {
    if (!current || !bar) return;
    if (!current.isConnected) return hide();
    const timeline = current.closest(".timeline").getBoundingClientRect();
    const at = current.getBoundingClientRect();
    if (at.bottom < timeline.top + 8 || at.top > timeline.bottom - 8) return hide();
    bar.hidden = false;
    // One row sits over the message's top edge, as in other chat apps; the two rows of a narrow
    // screen would hide the message, so they go above it (below it at the top of the timeline).
    const height = bar.offsetHeight;
    const tall = height > 3.5 * parseFloat(getComputedStyle(bar).fontSize);
    const above = at.top - height - 4;
    const top = !tall ? at.top - height * 0.6 : above >= timeline.top + 4 ? above : at.bottom + 4;
    bar.style.top = `${Math.min(Math.max(timeline.top + 4, top), timeline.bottom - height - 4)}px`;
    bar.style.left = `${Math.max(8, Math.min(at.right - bar.offsetWidth - 12, window.innerWidth - bar.offsetWidth - 8))}px`;
  };
  const show = (message) => {
    bar = barIn(message);
    if (!bar) return;
    if (current !== message) {
      current?.classList.remove("acting");
      current = message;
      message.classList.add("acting");
      const me = meIn(message);
      const mine = Boolean(me) && authorOf(message) === me;
      bar.querySelector("[data-action=edit]").hidden = !mine;
      bar.querySelector("[data-action=delete]").hidden = !(mine || bar.dataset.manages === "true");
      for (const button of bar.querySelectorAll("[data-react]")) {
        button.setAttribute("aria-pressed", String(Boolean(me) && mineIn(message, button.dataset.react, me)));
      }
      bar.querySelector(".message-actions-status").textContent = "";
      // One tab stop for the toolbar, its first button; the arrows go along it.
      for (const button of bar.querySelectorAll("button")) button.tabIndex = -1;
      bar.querySelector("button").tabIndex = 0;
    }
    place();
  };
  function hide() {
    if (!current) return;
    current.classList.remove("acting");
    current = null;
    if (bar) bar.hidden = true;
  }
  const inMenu = (node) => Boolean(node?.closest?.(".message-actions, .emoji-picker, dialog.delete-message"));
  // The keyboard in the toolbar (or the picker open) holds it to its message; a click leaves it free.
  const busy = () =>
    (inMenu(document.activeElement) && document.activeElement.matches(":focus-visible")) ||
    document.querySelector(".emoji-picker:not([hidden])");

  // The pointer over a message shows its actions; a touch has no hover, so a tap on the message does.
  document.addEventListener("pointerover", (event) => {
    if (event.pointerType === "touch" || busy()) return;
    const message = event.target.closest?.(".messages > .message");
    if (isMessage(message)) show(message);
    else if (!inMenu(event.target) && !event.target.closest?.(".timeline")) hide();
  });
  document.addEventListener("click", (event) => {
    const message = event.target.closest?.(".messages > .message");
    if (isMessage(message)) {
      if (!event.target.closest("a, button, summary")) show(message);
    } else if (current && !inMenu(event.target)) hide();
  });
  document.addEventListener("focusin", (event) => {
    const message = event.target.closest?.(".messages > .message");
    if (isMessage(message)) show(message);
    else if (!inMenu(event.target)) hide();
  });
  document.addEventListener("scroll", () => current && place(), true);
  window.addEventListener("resize", () => current && place());
  // A message replaced (an edit, a reaction) keeps its actions; a deleted one takes them away.
  document.addEventListener("htmx:ws:after:message:incoming", () => {
    if (current && !current.isConnected) {
      const again = document.getElementById(current.id);
      const focused = inMenu(document.activeElement);
      current = null;
      if (again) show(again);
      else {
        bar.hidden = true;
        if (focused) composerIn(bar)?.elements.body.focus();
      }
    }
  });

  const say = (bar, text) => {
    bar.querySelector(".message-actions-status").textContent = text;
  };

  const actions = {
    more: (message, button) =>
      button.dispatchEvent(
        new CustomEvent("parley:pick-emoji", {
          bubbles: true,
          // The message as it is by then: a change may have replaced it while the picker was open.
          detail: {
            pick: (emoji) => {
              const now = document.getElementById(message.id);
              if (now) react(now, emoji);
            },
          },
        }),
      ),
    // The composer's modes (composer-modes.js) take these.
    reply: (message) => message.dispatchEvent(new CustomEvent("parley:reply-to", { bubbles: true })),
    edit: (message) => message.dispatchEvent(new CustomEvent("parley:edit-start", { bubbles: true })),
    delete: (message) => confirmDelete(message),
    "copy-link": (message) => {
      navigator.clipboard.writeText(linkTo(bar, idOf(message))).then(
        () => say(bar, "Link copied"),
        () => say(bar, "Could not copy the link"),
      );
    },
  };

  document.addEventListener("click", (event) => {
    const button = event.target.closest?.(".message-actions button");
    if (!button || !current) return;
    if (button.dataset.react) return react(current, button.dataset.react);
    actions[button.dataset.action]?.(current, button);
  });

  // The toolbar from the keyboard: one tab stop, left and right between its buttons (Home, End
  // too); Escape back to the message.
  document.addEventListener("keydown", (event) => {
    const toolbar = event.target.closest?.(".message-actions");
    if (!toolbar || !current) return;
    if (event.key === "Escape") {
      event.preventDefault();
      const message = current;
      message.focus();
      return;
    }
    const step = { ArrowLeft: -1, ArrowRight: 1, Home: -Infinity, End: Infinity }[event.key];
    if (!step) return;
    const buttons = [...toolbar.querySelectorAll("button")].filter((button) => !button.hidden);
    const at = buttons.indexOf(event.target);
    const next = Number.isFinite(step)
      ? buttons[(at + step + buttons.length) % buttons.length]
      : buttons[step < 0 ? 0 : buttons.length - 1];
    event.preventDefault();
    if (!next) return;
    event.target.tabIndex = -1;
    next.tabIndex = 0;
    next.focus();
  });

  // Delete: asked first, in the page's one dialog; a moderator is told whose message it is.
  const confirmDelete = (message) => {
    const dialog = message.closest("[hx-ws\\:connect]")?.querySelector("dialog.delete-message");
    if (!dialog) return;
    const theirs = authorOf(message) !== meIn(message);
    dialog.querySelector("h2").textContent = theirs ? `Delete ${nameOf(message)}'s message?` : "Delete this message?";
    const whose = dialog.querySelector(".delete-whose");
    whose.hidden = !theirs;
    whose.textContent = theirs ? "It is not yours: you may remove it because you moderate this room." : "";
    dialog.returnValue = "";
    dialog.addEventListener(
      "close",
      () => {
        // By id: a reaction or an edit may have replaced the element while the dialog was open.
        if (dialog.returnValue !== "delete" || !document.getElementById(message.id)) return;
        send(dialog.closest("[hx-ws\\:connect]"), { delete: idOf(message) });
        composerIn(dialog)?.elements.body.focus();
      },
      { once: true },
    );
    dialog.showModal();
  };

  // A reply's quote goes to what it answers: on the page, scrolled to and lit up for a moment;
  // not loaded, the room opened at it.
  document.addEventListener("click", (event) => {
    const quote = event.target.closest?.("a.reply-quote");
    const toolbar = barIn(quote);
    if (!quote || !toolbar) return;
    event.preventDefault();
    const parent = document.getElementById(quote.getAttribute("href").slice(1));
    if (!parent || !isMessage(parent)) {
      location.assign(linkTo(toolbar, quote.dataset.replyTo));
      return;
    }
    const still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    parent.scrollIntoView({ block: "center", behavior: still ? "auto" : "smooth" });
    parent.classList.remove("highlight");
    void parent.offsetWidth;
    parent.classList.add("highlight");
    // From the keyboard (no pointer position), focus follows to the message.
    if (event.detail === 0) parent.focus({ preventScroll: true });
  });
  document.addEventListener("animationend", (event) => {
    if (event.animationName === "message-highlight") event.target.classList.remove("highlight");
  });
})();
