// Drafts: what a person typed and has not sent waits in the box for them, one per room, when
// they go to another room and come back. Kept in this browser's storage under the person's name
// and the room's (localStorage), written as the box changes, forgotten once the box empties on
// a send, and all forgotten at log-out: a shared computer keeps no one's half-written words.
(() => {
  const prefix = "parley:draft:";

  const keyOf = (box) => {
    const room = box?.closest?.("[data-room-slug]");
    const me = room?.dataset.me;
    return me ? `${prefix}${me}:${room.dataset.roomSlug}` : null;
  };

  // Storage can be full or refused (private windows, site settings): the box still works.
  const attempt = (change) => {
    try {
      return change();
    } catch {
      return null;
    }
  };

  /** Stores the box's text as its room's draft; an empty (or blank) box has none. */
  const keep = (box) => {
    const key = keyOf(box);
    // While a sent message is edited the box holds its text; the draft waits aside (message-actions.js).
    if (!key || box.form?.dataset.editing) return;
    attempt(() => (box.value.trim() ? localStorage.setItem(key, box.value) : localStorage.removeItem(key)));
  };

  const isComposer = (node) => node instanceof HTMLTextAreaElement && node.matches("form.composer textarea[name=body]");

  // Typing, pasting, cutting. A send or an edit changes the box from script, which raises no
  // `input`: composer.js raises `parley:draft` then.
  document.addEventListener("input", (event) => {
    if (isComposer(event.target)) keep(event.target);
  });
  document.addEventListener("parley:draft", (event) => {
    if (isComposer(event.target)) keep(event.target);
  });

  // Logging out forgets every draft kept in this browser.
  document.addEventListener("submit", (event) => {
    if (!event.target.matches?.("form[data-logout]")) return;
    attempt(() => {
      const keys = Object.keys(localStorage).filter((key) => key.startsWith(prefix));
      for (const key of keys) localStorage.removeItem(key);
    });
  });

  // The room's draft comes back into an empty box, the caret at its end.
  const restore = () => {
    for (const box of document.querySelectorAll("form.composer textarea[name=body]")) {
      const key = keyOf(box);
      const draft = key && !box.value ? attempt(() => localStorage.getItem(key)) : null;
      if (!draft) continue;
      box.value = draft;
      box.setSelectionRange(draft.length, draft.length);
      box.dispatchEvent(new CustomEvent("parley:draft-restored", { bubbles: true }));
    }
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", restore);
  else restore();
})();
