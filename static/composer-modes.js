// The composer's two modes besides writing: replying (the next message answers one) and editing
// (the box holds a sent message's text, and Enter sends it as an edit). The message actions
// (message-actions.js) start them with `parley:reply-to` and `parley:edit-start` on the message;
// ↑ in an empty box edits the person's last message; Escape or × gives either up.
(() => {
  const { barIn, meIn, isMessage, authorOf, nameOf, idOf } = window.parleyMessageDom;
  const composerIn = (node) => node?.closest?.("[hx-ws\\:connect]")?.querySelector("form.composer");
  /** Sent over the room's socket by message-actions.js. */
  const send = (form, fields) =>
    form.dispatchEvent(new CustomEvent("parley:change", { bubbles: true, detail: fields }));

  // The composer's context: "Replying to …" or "Editing message", over the box.
  const showContext = (form, text, kind) => {
    const context = form.querySelector(".composer-context");
    if (!context) return;
    context.hidden = !text;
    context.dataset.kind = kind ?? "";
    context.querySelector(".composer-context-text").textContent = text ?? "";
  };
  const excerptOf = (message) => {
    const text = message.querySelector(".body")?.textContent.trim().replace(/\s+/g, " ") ?? "";
    if (!text) return message.querySelector(".attachment") ? "an image" : "";
    return text.length > 80 ? `${text.slice(0, 79)}…` : text;
  };
  const changedBox = (box) => box.dispatchEvent(new CustomEvent("parley:draft", { bubbles: true }));
  const errorLine = (form) => form.querySelector("[role=alert]");

  // Replies: the next message carries `reply_to` (a hidden field hx-ws sends with the rest).
  const startReply = (message) => {
    const form = composerIn(message);
    if (!form) return;
    if (form.dataset.editing) endEdit(form);
    const field = window.parleyMessageDom.replyField(form);
    field.value = String(idOf(message));
    const excerpt = excerptOf(message);
    showContext(form, `Replying to ${nameOf(message)}${excerpt ? `: ${excerpt}` : ""}`, "reply");
    form.elements.body.focus();
  };
  const endReply = (form) => {
    const field = form.querySelector("input[name=reply_to]");
    if (!field) return false;
    field.remove();
    showContext(form, null);
    return true;
  };
  // The reply went with this send (outbox.js resends the frame as it was made).
  document.addEventListener("parley:send", (event) => {
    const form = composerIn(event.target);
    if (form && !form.dataset.editing) endReply(form);
  });

  // …or with the image this send posted (attachments.js copies the field into the image form).
  document.addEventListener("htmx:after:request", (event) => {
    const attach = event.target.closest?.("form.attach");
    const response = event.detail.ctx?.response;
    const stored = response && response.status >= 200 && response.status < 300 && !response.raw?.redirected;
    const form = composerIn(attach);
    if (!stored || !form || !attach.querySelector("input[name=reply_to]:not([disabled])")) return;
    if (!form.dataset.editing) endReply(form);
  });

  // Edits: the composer takes the message's source text (the API has it; the page has only its
  // rendering), and the draft waits aside until the edit is done or given up.
  const editing = new WeakMap();
  const startEdit = async (message) => {
    const form = composerIn(message);
    const bar = barIn(message);
    if (!form || !bar) return;
    const id = idOf(message);
    let text;
    try {
      const response = await fetch(`${bar.dataset.api}?after=${id - 1}&limit=1`, {
        headers: { accept: "application/json" },
      });
      const found = response.ok ? (await response.json()).messages?.[0] : null;
      if (found?.id !== id) throw new Error("gone");
      text = found.body;
    } catch {
      errorLine(form).textContent = "Could not load that message to edit. Check the connection and try again.";
      return;
    }
    endReply(form);
    const box = form.elements.body;
    const before = editing.get(form);
    editing.set(form, { id, text, draft: before ? before.draft : box.value, el: message, sent: false });
    form.dataset.editing = String(id);
    form.querySelector("button[type=submit]").textContent = "Save";
    showContext(form, "Editing message — Esc to cancel", "edit");
    errorLine(form).textContent = "";
    box.value = text;
    box.focus();
    box.setSelectionRange(text.length, text.length);
    changedBox(box);
  };
  /** Back to writing: the draft that was in the box returns. */
  function endEdit(form) {
    const edit = editing.get(form);
    if (!edit) return;
    editing.delete(form);
    delete form.dataset.editing;
    form.querySelector("button[type=submit]").textContent = "Send";
    showContext(form, null);
    const box = form.elements.body;
    box.value = edit.draft;
    box.setSelectionRange(box.value.length, box.value.length);
    changedBox(box);
  }
  // composer.js: Enter (or Save) in edit mode. The text stays in the box until the edited
  // message comes back; a refusal (in the error line) leaves it there to fix.
  document.addEventListener("parley:edit", (event) => {
    const form = event.target.closest("form.composer");
    const edit = form && editing.get(form);
    if (!edit) return;
    if (event.detail.body === edit.text) return endEdit(form);
    edit.sent = true;
    send(form, { edit: edit.id, body: event.detail.body });
  });
  document.addEventListener("htmx:ws:after:message:incoming", (event) => {
    const form = composerIn(event.target);
    const edit = form && editing.get(form);
    if (!edit?.sent) return;
    const now = document.getElementById(edit.el.id);
    if (now === edit.el) {
      if (errorLine(form).textContent) edit.sent = false;
      return;
    }
    endEdit(form);
    if (!now) errorLine(form).textContent = "That message was deleted.";
    form.elements.body.focus();
  });

  // In the composer: Escape gives up an edit or a reply; ↑ in an empty box edits the person's
  // last message, as in Slack.
  document.addEventListener("keydown", (event) => {
    const box = event.target;
    if (!box.matches?.("form.composer textarea[name=body]") || event.isComposing) return;
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const form = box.form;
    if (event.key === "Escape" && (editing.has(form) || form.querySelector("input[name=reply_to]"))) {
      event.preventDefault();
      if (editing.has(form)) endEdit(form);
      else endReply(form);
      return;
    }
    if (event.key !== "ArrowUp" || box.value !== "" || editing.has(form)) return;
    const me = meIn(form);
    const log = form.closest("[hx-ws\\:connect]").querySelector(".timeline [role=log]");
    const own = [...(log?.children ?? [])].reverse().find((message) => isMessage(message) && authorOf(message) === me);
    if (!me || !own || !barIn(form)) return;
    event.preventDefault();
    startEdit(own);
  });
  document.addEventListener("click", (event) => {
    const cancel = event.target.closest?.(".composer-context-cancel");
    if (!cancel) return;
    const form = cancel.form;
    if (editing.has(form)) endEdit(form);
    else endReply(form);
    form.elements.body.focus();
  });

  document.addEventListener("parley:reply-to", (event) => startReply(event.target));
  document.addEventListener("parley:edit-start", (event) => startEdit(event.target));
})();
