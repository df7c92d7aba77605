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
  const follow = (list) => {
    let atBottom = true;
    list.scrollTop = list.scrollHeight;
    list.addEventListener("scroll", () => {
      atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 48;
    });
    new MutationObserver((changes) => {
      for (const change of changes) for (const node of change.addedNodes) if (node.nodeType === 1) localize(node);
      if (atBottom) list.scrollTop = list.scrollHeight;
    }).observe(list, { childList: true });
  };

  document.addEventListener("DOMContentLoaded", () => {
    localize(document);
    for (const list of document.querySelectorAll(".messages")) follow(list);
  });
})();
