// The composer: Enter sends, and only the person changes what is in the box. A send takes
// exactly its own text out of the box and hands it to the outbox (outbox.js); a refused text
// comes back only when the person asks for it (edit).
(() => {
  // Each send's idempotency key: the composer's server nonce plus this page's counter.
  let sent = 0;
  const pageNonce = [...crypto.getRandomValues(new Uint8Array(9))].map((b) => b.toString(16)).join("");

  const boxIn = (node) => node?.closest?.("[hx-ws\\:connect]")?.querySelector("form.composer textarea[name=body]");
  const showError = (form, text) => {
    const line = form?.querySelector("[role=alert]");
    if (line) line.textContent = text;
    const box = form?.querySelector("textarea");
    if (text) box?.setAttribute("aria-invalid", "true");
    else box?.removeAttribute("aria-invalid");
  };

  // Enter sends, Shift+Enter starts a new line (not while an IME is composing). An empty box has
  // nothing to send, so Enter does nothing there: after a send the box is empty, and pressing
  // Enter again (offline, say) cannot send the same words twice.
  document.addEventListener("keydown", (event) => {
    const box = event.target;
    if (!(box instanceof HTMLTextAreaElement) || !box.closest(".composer")) return;
    if (event.key !== "Enter" || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    if (box.value !== "") box.form?.requestSubmit();
  });

  // The limit is the server's (data-max-length, from message-rules.ts), counted as it counts:
  // the trimmed text. From nine tenths of it the box shows a count; past it, by how much.
  const limitOf = (box) => Number(box?.dataset.maxLength ?? 0);
  const lengthOf = (text) => text.trim().length;
  const number = (n) => n.toLocaleString("en-US");
  const tooLong = (box, length) =>
    `Too long to send: messages are at most ${number(limitOf(box))} characters. Shorten it by ${number(length - limitOf(box))} and send again.`;

  const count = (box) => {
    const max = limitOf(box);
    const counter = box.form?.querySelector(".composer-count");
    if (!max || !counter) return;
    const length = lengthOf(box.value);
    const over = length - max;
    counter.hidden = length < max * 0.9;
    counter.classList.toggle("over", over > 0);
    // Emptied while hidden: the box's description (aria-describedby) reads hidden text too.
    counter.textContent = counter.hidden
      ? ""
      : `${number(length)} / ${number(max)}${over > 0 ? `: ${number(over)} too many` : ""}`;
    // The refusal said to shorten it; once it is short enough the refusal no longer holds.
    const line = box.form.querySelector("[role=alert]");
    if (over <= 0 && line?.textContent.startsWith("Too long")) showError(box.form, "");
  };

  // Where the stylesheet cannot size the box to its text (no field-sizing), script does, up to
  // the stylesheet's max-height.
  const sizedByCss = window.CSS?.supports?.("field-sizing", "content");
  const fit = (box) => {
    if (sizedByCss) return;
    box.style.height = "auto";
    box.style.height = `${box.scrollHeight + box.offsetHeight - box.clientHeight}px`;
  };
  const follow = (event) => {
    const box = event.target;
    if (!(box instanceof HTMLTextAreaElement) || !box.matches("form.composer textarea[name=body]")) return;
    count(box);
    fit(box);
  };
  document.addEventListener("input", follow);
  document.addEventListener("parley:draft", follow);
  document.addEventListener("parley:draft-restored", follow);

  // htmx collected the form (hx-ws:send); the outbox sends it, now and after each reconnect.
  document.addEventListener("htmx:ws:before:message:outgoing", (event) => {
    const form = event.target.closest?.("form.composer");
    const room = form?.closest("[hx-ws\\:connect]");
    if (!form || !room) return;
    event.detail.cancelled = true;
    const { message } = event.detail;
    const body = String(message.values.body ?? "");
    if (!body.trim()) return showError(form, "Type a message first.");
    // Refused here, whole and in the box, rather than by the server after it left.
    const box = form.querySelector("textarea[name=body]");
    if (limitOf(box) && lengthOf(body) > limitOf(box)) return showError(form, tooLong(box, lengthOf(body)));
    // Editing a sent message (message-actions.js): the new text goes as an edit, not a new message.
    if (form.dataset.editing) {
      showError(form, "");
      form.dispatchEvent(new CustomEvent("parley:edit", { bubbles: true, detail: { body } }));
      return;
    }
    const nonce = typeof message.values.key === "string" && message.values.key ? message.values.key : pageNonce;
    const key = `${nonce}-${++sent}`;
    const frame = JSON.stringify({ ...message.values, key, headers: message.headers });
    takeFromBox(box, body);
    showError(form, "");
    room.dispatchEvent(new CustomEvent("parley:send", { bubbles: true, detail: { key, body, frame } }));
  });

  /** Only the text that was sent leaves the box; anything typed after it stays. */
  const takeFromBox = (box, body) => {
    if (!box) return;
    if (box.value === body) box.value = "";
    else if (box.value.startsWith(body)) box.value = box.value.slice(body.length).replace(/^\n/, "");
    changed(box);
  };

  /** A change made by script raises no `input`: the room's draft (drafts.js) and the box's size and count follow it here. */
  const changed = (box) => box.dispatchEvent(new CustomEvent("parley:draft", { bubbles: true }));

  /**
   * Edit gives a refused (or never sent) text back. Into an empty box it simply goes back; a
   * draft typed since is kept, after it: the older text comes first, as it was written first,
   * and the caret waits at its end. Nothing the person wrote is lost, and no dialog interrupts.
   */
  document.addEventListener("parley:take-back", (event) => {
    const box = boxIn(event.target);
    if (!box) return;
    const { text, edit } = event.detail;
    box.focus();
    if (!edit) return;
    const draft = box.value;
    box.value = draft.trim() ? `${text}\n\n${draft}` : text;
    box.setSelectionRange(text.length, text.length);
    changed(box);
  });

  // A room that will not connect again (signed out, not allowed, gone): the box stays editable,
  // so the person can keep or copy their words, but there is nothing to send to.
  document.addEventListener("parley:connection", (event) => {
    const form = boxIn(event.target)?.form;
    const button = form?.querySelector("button[type=submit]");
    if (button) button.disabled = event.detail.state === "final";
  });
  document.addEventListener("htmx:ws:error", (event) => {
    const form = event.target.closest?.("form.composer");
    const reason = form?.closest("[hx-ws\\:connect]")?.querySelector('.connection[data-state="final"] [role=status]');
    if (form && reason) showError(form, `Not sent. ${reason.textContent}`);
  });

  // The image form (views/rooms/attach-image.tsx): a normal htmx post, multipart. Too large is
  // said at once, before anything is sent; a sent image clears the form and takes a fresh key.
  let images = 0;
  const attachError = (form, text) => {
    const line = form.querySelector("[role=alert]");
    if (line) line.textContent = text;
  };
  document.addEventListener("change", (event) => {
    const input = event.target;
    const form = input.closest?.("form.attach");
    if (!form || input.type !== "file") return;
    const file = input.files?.[0];
    const chosen = form.querySelector(".attach-chosen");
    attachError(form, "");
    if (file && file.size > Number(form.dataset.maxBytes)) {
      input.value = "";
      attachError(form, "That picture is too large: at most 2 MB.");
    }
    if (chosen) chosen.textContent = input.files?.[0]?.name ?? "";
  });
  // The profile's avatar (views/accounts/profile-form.tsx): the same check, said beside the
  // field. The file is let go, so saving still keeps the name, the bio and the current avatar.
  document.addEventListener("change", (event) => {
    const input = event.target;
    const form = input.closest?.("form.profile-form");
    if (!form || input.type !== "file") return;
    const reason = form.querySelector("#avatar-error");
    const file = input.files?.[0];
    const tooLarge = Boolean(file && file.size > Number(form.dataset.maxBytes));
    if (tooLarge) input.value = "";
    if (reason) reason.textContent = tooLarge ? form.dataset.tooLarge : "";
  });
  const refusedBecause = {
    413: "That picture is too large: at most 2 MB. Nothing was saved.",
    429: "You are sending too fast: wait a moment.",
  };
  document.addEventListener("htmx:after:request", (event) => {
    const form = event.target.closest?.("form.attach");
    const status = event.detail.ctx?.response?.status ?? 0;
    if (!form) return;
    if (status >= 200 && status < 300 && !event.detail.ctx.response.raw?.redirected) {
      form.reset();
      form.elements.key.value = `${pageNonce}-image-${++images}`;
      form.querySelector(".attach-chosen").textContent = "";
    } else if (!event.detail.ctx.text?.includes("<hx-partial")) {
      // Answered before the room's own handler (size limit, throttle, signed out): no reason sent.
      attachError(
        form,
        refusedBecause[status] ?? "Not sent: the server refused the image. Reload the page and try again.",
      );
    }
  });
  document.addEventListener("htmx:error", (event) => {
    const form = event.target.closest?.("form.attach");
    if (form) attachError(form, "Not sent: the connection failed. Try again.");
  });

  // htmx's throttle fires once more after the last key: by then the message may be sent and the
  // box empty. An empty box is nobody typing.
  document.addEventListener("htmx:ws:before:message:outgoing", (event) => {
    const signal = event.target.closest?.("[data-typing-signal]");
    if (signal && !document.getElementById(signal.dataset.composer)?.value.trim()) event.preventDefault();
  });
})();
