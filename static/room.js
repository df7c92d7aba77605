// The timeline: what HTML and htmx cannot do alone. (Connection: connection.js; sends: composer.js.)
(() => {
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
