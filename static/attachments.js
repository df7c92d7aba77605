// Images in the composer: chosen with "Attach image", pasted (Ctrl+V) or dropped on the room,
// an image waits as a thumbnail, with a way to remove it, until the composer sends; the
// composer's text is then its caption. It goes as the room's image form posts it
// (views/rooms/attach-image.tsx: multipart, never over the socket), so refusals land in that
// form's error line and nothing typed is lost: the caption leaves the box only once stored.
(() => {
  const thumbBox = 96;
  const roomOf = (node) => node?.closest?.("[hx-ws\\:connect]");
  const formIn = (room) => room?.querySelector("form.attach");
  const boxIn = (room) => room?.querySelector("form.composer textarea[name=body]");
  const fileInput = (form) => form.querySelector("input[type=file]");
  const holding = (form) => (fileInput(form)?.files?.length ?? 0) > 0;
  const say = (form, text) => {
    const line = form.querySelector("[role=alert]");
    if (line) line.textContent = text;
  };

  // With this script the composer sends the image: the form's own caption and button step aside.
  const enhance = () => {
    for (const form of document.querySelectorAll("form.attach")) form.dataset.enhanced = "";
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", enhance);
  else enhance();

  /** Draws the thumbnail from the file itself (a canvas: the page's CSP loads images only from the server). */
  let draws = 0;
  const drawThumb = async (canvas, file) => {
    const draw = ++draws;
    canvas.width = canvas.height = 0;
    try {
      const bitmap = await createImageBitmap(file);
      // Another file came while this one decoded: its thumbnail is the one to show.
      if (draw !== draws) return bitmap.close();
      const scale = Math.min(1, thumbBox / bitmap.width, thumbBox / bitmap.height);
      canvas.width = Math.max(1, Math.round(bitmap.width * scale));
      canvas.height = Math.max(1, Math.round(bitmap.height * scale));
      canvas.getContext("2d")?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      bitmap.close();
    } catch {
      // Not a picture this browser can read: the name alone shows, and the server says why.
    }
  };

  /** Shows what the file input holds (or nothing), and makes the composer's box its caption. */
  const show = (form) => {
    const room = roomOf(form);
    const box = boxIn(room);
    const file = fileInput(form)?.files?.[0];
    const preview = form.querySelector(".attach-preview");
    if (preview) preview.hidden = !file;
    const chosen = form.querySelector(".attach-chosen");
    if (chosen) chosen.textContent = file?.name ?? "";
    if (file) drawThumb(form.querySelector(".attach-thumb"), file);
    if (!box) return;
    // An image may go without words: the box is not required while it holds one.
    box.required = !file;
    box.dataset.placeholder ??= box.placeholder;
    box.placeholder = file ? "Add a caption (optional)" : box.dataset.placeholder;
  };

  /** Takes a pasted or dropped file into the form, after the checks the file input's own choice gets. */
  const hold = (form, file) => {
    say(form, "");
    const accepted = (fileInput(form)?.accept ?? "").split(",");
    if (!accepted.includes(file.type)) return say(form, "That file is not a PNG, JPEG, WebP or GIF image.");
    if (file.size > Number(form.dataset.maxBytes)) return say(form, "That picture is too large: at most 2 MB.");
    const files = new DataTransfer();
    files.items.add(file);
    fileInput(form).files = files.files;
    show(form);
    boxIn(roomOf(form))?.focus();
  };

  const release = (form) => {
    const input = fileInput(form);
    if (input) input.value = "";
    say(form, "");
    show(form);
  };

  // The file input's own choice (static/composer.js has said already if it was too large).
  document.addEventListener("change", (event) => {
    const form = event.target.closest?.("form.attach");
    if (!form || event.target.type !== "file") return;
    show(form);
    if (holding(form)) boxIn(roomOf(form))?.focus();
  });

  document.addEventListener("click", (event) => {
    const form = event.target.closest?.(".attach-remove")?.closest("form.attach");
    if (!form) return;
    release(form);
    boxIn(roomOf(form))?.focus();
  });

  /** The first image among pasted or dropped files, else the first file (refused, with the reason). */
  const imageAmong = (files) => [...(files ?? [])].find((file) => file.type.startsWith("image/")) ?? files?.[0];

  // A pasted picture (a screenshot, an image copied from a page). Pasted text is left alone.
  document.addEventListener("paste", (event) => {
    const form = formIn(roomOf(event.target) ?? document);
    const file = imageAmong(event.clipboardData?.files);
    if (!form || !file) return;
    event.preventDefault();
    hold(form, file);
  });

  // A file dropped anywhere on the page goes to its room: the browser would otherwise open the
  // file in place of the room, and the draft with it. While one is dragged, the room says so (app.css).
  const dragsFiles = (event) => event.dataTransfer?.types?.includes("Files");
  const roomAt = (target) => roomOf(target) ?? document.querySelector("[hx-ws\\:connect]");
  document.addEventListener("dragover", (event) => {
    const room = roomAt(event.target);
    if (!formIn(room) || !dragsFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "copy";
    room.dataset.dropping = "";
  });
  document.addEventListener("dragleave", (event) => {
    // Only when the pointer leaves the page: moving between its elements is still dragging over it.
    if (!event.relatedTarget) delete roomAt(event.target)?.dataset.dropping;
  });
  document.addEventListener("drop", (event) => {
    const room = roomAt(event.target);
    const form = formIn(room);
    if (!form || !dragsFiles(event)) return;
    event.preventDefault();
    delete room.dataset.dropping;
    const file = imageAmong(event.dataTransfer.files);
    if (file) hold(form, file);
  });

  /** Posts the held image with the box's text as its caption (htmx: the form's hx-post). */
  const send = (form, box) => {
    if (form.dataset.sending !== undefined) return;
    form.dataset.sending = box.value;
    form.querySelector(".attach-caption").value = box.value;
    // A reply goes with its image too (message-actions.js keeps it in the composer).
    const reply = box.form?.querySelector("input[name=reply_to]")?.value ?? "";
    const field = window.parleyMessageDom.replyField(form);
    field.value = reply;
    field.disabled = !reply;
    form.requestSubmit();
  };

  // The composer's Send and Enter post the image while one is held: captured before htmx's own
  // handler (which would send the text alone over the socket) and before composer.js's Enter.
  document.addEventListener(
    "submit",
    (event) => {
      const composer = event.target.closest?.("form.composer");
      const form = formIn(roomOf(composer));
      // An edit of a sent message is text only: the image waits for the next send.
      if (!composer || !form || !holding(form) || composer.dataset.editing) return;
      event.preventDefault();
      event.stopPropagation();
      send(form, composer.querySelector("textarea[name=body]"));
    },
    true,
  );
  document.addEventListener(
    "keydown",
    (event) => {
      const box = event.target;
      if (!(box instanceof HTMLTextAreaElement) || !box.closest("form.composer")) return;
      if (event.key !== "Enter" || event.shiftKey || event.isComposing) return;
      const form = formIn(roomOf(box));
      if (!form || !holding(form) || box.form?.dataset.editing) return;
      event.preventDefault();
      event.stopPropagation();
      send(form, box);
    },
    true,
  );

  // Stored: the image and exactly the caption it went with leave the composer (static/composer.js
  // has reset the form and given it a fresh key). Refused: both stay, the reason beside them.
  document.addEventListener("htmx:after:request", (event) => {
    const form = event.target.closest?.("form.attach");
    if (!form || form.dataset.sending === undefined) return;
    const caption = form.dataset.sending;
    delete form.dataset.sending;
    const response = event.detail.ctx?.response;
    const status = response?.status ?? 0;
    // A redirect (signed out: the log-in page) stored nothing either.
    if (status < 200 || status >= 300 || response?.raw?.redirected) return;
    const box = boxIn(roomOf(form));
    if (box && caption) {
      if (box.value === caption) box.value = "";
      else if (box.value.startsWith(caption)) box.value = box.value.slice(caption.length).replace(/^\n/, "");
    }
    release(form);
  });
  document.addEventListener("htmx:error", (event) => {
    const form = event.target.closest?.("form.attach");
    if (form) delete form.dataset.sending;
  });
})();
