// Ctrl+K (⌘K on a Mac): the quick switcher (views/rooms/quick-switcher.tsx). Its list is the
// sidebar's own links, filtered by name as one types; arrows choose, Enter opens, Escape closes,
// and focus returns where it was.
(() => {
  const start = () => {
    const dialog = document.querySelector("dialog.switcher");
    const links = [...document.querySelectorAll(".sidebar-rooms a[href]")];
    if (!dialog || !links.length) return;
    const input = dialog.querySelector("input");
    const list = dialog.querySelector("[role=listbox]");
    const none = dialog.querySelector(".switcher-none");
    const rooms = links.map((link, i) => ({
      href: link.href,
      sigil: link.querySelector(".sigil")?.textContent.trim() || "#",
      name: link.querySelector(".sidebar-room-name")?.textContent.trim() ?? link.textContent.trim(),
      current: link.getAttribute("aria-current") === "page",
      id: `switcher-room-${i}`,
    }));
    let shown = [];
    let active = 0;
    let before = null;

    const choose = (index) => {
      active = Math.max(0, Math.min(index, shown.length - 1));
      for (const [i, item] of [...list.children].entries()) item.setAttribute("aria-selected", String(i === active));
      const chosen = list.children[active];
      if (chosen) {
        input.setAttribute("aria-activedescendant", chosen.id);
        chosen.scrollIntoView({ block: "nearest" });
      } else input.removeAttribute("aria-activedescendant");
    };
    // Names that start with what was typed first, then those that hold it; the room one is in last.
    const filter = () => {
      const typed = input.value.trim().toLowerCase();
      const rank = (room) => (room.name.toLowerCase().startsWith(typed) ? 0 : 1) + (room.current ? 2 : 0);
      shown = rooms.filter((room) => room.name.toLowerCase().includes(typed)).sort((a, b) => rank(a) - rank(b));
      list.replaceChildren(
        ...shown.map((room) => {
          const item = document.createElement("div");
          item.id = room.id;
          item.setAttribute("role", "option");
          const sigil = document.createElement("span");
          sigil.className = "sigil";
          sigil.setAttribute("aria-hidden", "true");
          sigil.textContent = room.sigil || "#";
          item.append(sigil, room.name);
          item.addEventListener("click", () => go(room));
          return item;
        }),
      );
      none.hidden = shown.length > 0;
      choose(0);
    };
    const go = (room) => {
      dialog.close();
      window.location.assign(room.href);
    };
    const show = () => {
      if (dialog.open) return;
      before = document.activeElement;
      input.value = "";
      filter();
      dialog.showModal();
      input.focus();
    };

    input.addEventListener("input", filter);
    input.addEventListener("keydown", (event) => {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        choose(active + (event.key === "ArrowDown" ? 1 : -1));
      } else if (event.key === "Enter") {
        event.preventDefault();
        const room = shown[active];
        if (room) go(room);
      }
    });
    // Escape closes a modal dialog by itself; wherever it closes from, focus goes back.
    dialog.addEventListener("close", () => {
      if (before?.isConnected) before.focus({ preventScroll: true });
    });
    // A click on the backdrop (outside the form) closes it too.
    dialog.addEventListener("click", (event) => {
      if (event.target === dialog) dialog.close();
    });
    document.addEventListener("keydown", (event) => {
      if (event.key.toLowerCase() !== "k" || !(event.ctrlKey || event.metaKey) || event.altKey) return;
      event.preventDefault();
      if (dialog.open) dialog.close();
      else show();
    });
    const button = document.querySelector(".switcher-open");
    if (button) {
      button.hidden = false;
      button.addEventListener("click", show);
    }
  };
  document.addEventListener("DOMContentLoaded", start);
})();
