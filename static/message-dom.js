// What the message scripts (message-actions.js, composer-modes.js, reactions.js) read of a message
// and its room in the page, written once: loaded just before them.
window.parleyMessageDom = {
  /** The room's one actions toolbar, from anything inside the room. */
  barIn: (node) => node?.closest?.("[hx-ws\\:connect]")?.querySelector(".message-actions"),
  /** The reader's username, as the page says it; null where nobody is signed in. */
  meIn: (node) => node?.closest?.("[data-me]")?.dataset.me || null,
  isMessage: (node) => Boolean(node?.matches?.(".timeline .messages > .message[data-message-id]")),
  // Who wrote it, by username: the author link ends with it, under any base path (room.js does the same).
  authorOf: (message) => message.querySelector(".author")?.getAttribute("href")?.split("/").pop(),
  nameOf: (message) => message.querySelector(".author")?.textContent ?? "",
  idOf: (message) => Number(message.dataset.messageId),
  /** A form's hidden `reply_to` field (hx-ws and the image form send it with the rest), made on first use. */
  replyField: (form) => {
    let field = form.querySelector("input[name=reply_to]");
    if (!field) {
      field = document.createElement("input");
      field.type = "hidden";
      field.name = "reply_to";
      form.append(field);
    }
    return field;
  },
};
