// Reactions: the fragment is the same for everyone, so which pills are the reader's is marked
// here (aria-pressed), from each pill's data-people and the page's data-me, on load and on every
// swap. A click on a pill, or on a quick reaction or the picker (message-actions.js raises
// `parley:react` on the message), sets the reader's reaction to the opposite of what it shows:
// on or off explicitly, so a second tab's click does not undo the first's.
(() => {
  const { meIn } = window.parleyMessageDom;
  const peopleOf = (pill) => (pill.dataset.people ?? "").split(" ");

  const mark = (root) => {
    if (root.nodeType !== 1) return;
    const pills = root.matches(".reaction") ? [root] : root.querySelectorAll(".reaction");
    for (const pill of pills) {
      const me = meIn(pill);
      pill.setAttribute("aria-pressed", String(Boolean(me) && peopleOf(pill).includes(me)));
    }
  };

  const react = (message, emoji) => {
    const me = meIn(message);
    if (!me) return;
    const mine = [...message.querySelectorAll(".reaction")].some(
      (pill) => pill.dataset.emoji === emoji && peopleOf(pill).includes(me),
    );
    // Sent over the room's socket by message-actions.js.
    message.dispatchEvent(
      new CustomEvent("parley:change", {
        bubbles: true,
        detail: { react: emoji, message: Number(message.dataset.messageId), on: String(!mine) },
      }),
    );
  };
  document.addEventListener("parley:react", (event) => react(event.target, event.detail.emoji));
  document.addEventListener("click", (event) => {
    const pill = event.target.closest?.(".messages > .message .reaction");
    if (pill) react(pill.closest(".message"), pill.dataset.emoji);
  });

  const watch = () => {
    mark(document.body);
    for (const timeline of document.querySelectorAll(".timeline")) {
      new MutationObserver((changes) => {
        for (const change of changes) for (const node of change.addedNodes) mark(node);
      }).observe(timeline, { childList: true, subtree: true });
    }
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", watch);
  else watch();
})();
