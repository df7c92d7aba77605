// A room page opened at one message (/rooms/:slug?at=<id>, where search results link): once
// room.js has settled the timeline at the newest, the message is brought to the middle of the
// view, marked, and given focus, so a keyboard or screen reader starts there.
(() => {
  const open = () => {
    const stage = document.querySelector(".stage[data-linked-message]");
    const message = stage?.querySelector(`.message[data-message-id="${stage.dataset.linkedMessage}"]`);
    if (!message) return;
    message.classList.add("linked");
    message.tabIndex = -1;
    message.scrollIntoView({ block: "center" });
    message.focus({ preventScroll: true });
  };
  // After room.js's own listener (the manifest loads this after it): it scrolls to the newest first.
  document.addEventListener("DOMContentLoaded", open);
})();
