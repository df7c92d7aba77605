// Parley's only page script: what HTML and htmx cannot do alone.
(() => {
  // Enter sends, Shift+Enter starts a new line (not while an IME is composing).
  document.addEventListener("keydown", (event) => {
    const box = event.target;
    if (!(box instanceof HTMLTextAreaElement) || !box.closest(".composer")) return;
    if (event.key !== "Enter" || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    box.form?.requestSubmit();
  });

  // Each send gets its own idempotency key: the composer's server nonce plus a counter. The
  // frame is kept on a "sending" item until the server acknowledges it (and deletes the item).
  let sent = 0;
  document.addEventListener("htmx:ws:before:message:outgoing", (event) => {
    const { message } = event.detail;
    const form = event.target.closest?.("form.composer");
    const nonce = message.values.key;
    if (!form || typeof nonce !== "string" || !nonce) return;
    message.values.key = `${nonce}-${++sent}`;
    message.data = JSON.stringify({ ...message.values, headers: message.headers });
    showPending(form, message.values.key, String(message.values.body ?? ""), message.data);
  });

  const showPending = (form, key, body, frame) => {
    const list = form.closest("[hx-ws\\:connect]")?.querySelector(".pending-list");
    if (!list) return;
    const item = document.createElement("article");
    item.id = `pending-${key}`; // pendingId() in views/messages/pending.tsx
    item.className = "message pending";
    item.dataset.frame = frame;
    const header = document.createElement("header");
    header.textContent = "Sending…";
    const text = document.createElement("p");
    text.className = "body";
    text.textContent = body.trim();
    item.append(header, text);
    list.append(item);
  };

  // htmx does not clear a form it sent over a socket. A new send also retires the last refusal;
  // a refused message comes back in a re-rendered composer, text and error included.
  document.addEventListener("htmx:ws:after:message:outgoing", (event) => {
    const form = event.target.closest?.("form");
    const box = form?.querySelector("textarea");
    if (box) {
      box.value = "";
      box.removeAttribute("aria-invalid");
    }
    form?.querySelector("[role=alert]")?.replaceChildren();
  });

  // Every (re)connection resumes after the newest message shown. htmx reuses connection.url on
  // every path (backoff retry, tab shown again, which skips before:connection), so keep it current.
  const resumeAfterLast = (event) => {
    const { connection } = event.detail;
    const list = event.target.querySelector?.(".messages");
    if (!connection || !list) return;
    let last = 0;
    for (let item = list.lastElementChild; item; item = item.previousElementSibling) {
      if (item.dataset.messageId) {
        last = item.dataset.messageId;
        break;
      }
    }
    const url = new URL(connection.url);
    url.searchParams.set("after", last);
    connection.url = url.href;
  };
  document.addEventListener("htmx:ws:before:connection", resumeAfterLast);
  document.addEventListener("htmx:ws:after:message:incoming", resumeAfterLast);

  // Sends still unacknowledged after a reconnect go again; their keys make repeats harmless.
  document.addEventListener("htmx:ws:after:connection", (event) => {
    const socket = event.detail.connection?.socket;
    for (const item of event.target.querySelectorAll?.(".pending-list [data-frame]") ?? []) {
      socket?.send(item.dataset.frame);
    }
  });

  // Times arrive in UTC; show them in the reader's zone.
  const localize = (root) => {
    for (const time of root.querySelectorAll?.("time[datetime]") ?? []) {
      const at = new Date(time.getAttribute("datetime"));
      if (Number.isNaN(at.getTime())) continue;
      const clock = at.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
      time.textContent = time.dataset.format === "datetime" ? `${at.toLocaleDateString()} ${clock}` : clock;
      time.title = at.toLocaleString();
    }
  };

  // Keep the newest message in view unless the reader has scrolled up to read history.
  const follow = (timeline) => {
    let atBottom = true;
    timeline.scrollTop = timeline.scrollHeight;
    timeline.addEventListener("scroll", () => {
      atBottom = timeline.scrollHeight - timeline.scrollTop - timeline.clientHeight < 48;
    });
    new MutationObserver((changes) => {
      for (const change of changes) for (const node of change.addedNodes) if (node.nodeType === 1) localize(node);
      if (atBottom) timeline.scrollTop = timeline.scrollHeight;
    }).observe(timeline, { childList: true, subtree: true });
  };

  document.addEventListener("DOMContentLoaded", () => {
    localize(document);
    for (const timeline of document.querySelectorAll(".timeline")) follow(timeline);
  });
})();
