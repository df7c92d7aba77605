// The emoji picker: "More reactions" in the message actions (message-actions.js) asks for it with
// a `parley:pick-emoji` event, whose `pick` gets the chosen emoji. A curated set in a few
// categories, no library: what people react with, not all of Unicode. One element per page,
// made the first time it is asked for. The keyboard moves through it with the arrow keys (one
// tab stop for the grid), Home and End; Escape closes it and gives focus back to its button.
(() => {
  const categories = [
    [
      "Smileys",
      "😀",
      "😀 😃 😄 😁 😆 😅 🤣 😂 🙂 🙃 😉 😊 😇 🥰 😍 🤩 😘 😋 😛 😜 🤪 🤔 🤨 😐 😑 😶 🙄 😏 😬 😌 😴 🤤 😷 🤒 🤯 🥳 😎 🤓 🧐 😕 😟 😮 😯 😲 😳 🥺 😢 😭 😱 😤 😡 🤬 😈 💀 🤡 👻 🤖",
    ],
    [
      "People",
      "👍",
      "👍 👎 👌 🤌 ✌️ 🤞 🤟 🤘 🤙 👈 👉 👆 👇 ☝️ ✋ 👋 👏 🙌 👐 🤲 🤝 🙏 💪 🫡 🫶 👀 🧠 🙋 🤷 🤦 🙇 💃 🕺 🏃",
    ],
    [
      "Nature",
      "🐶",
      "🐶 🐱 🐭 🐰 🦊 🐻 🐼 🐨 🐯 🦁 🐮 🐷 🐸 🐵 🙈 🙉 🙊 🐔 🐧 🐦 🦄 🐝 🦋 🐢 🐍 🐙 🐬 🐳 🌵 🌲 🌻 🌹 🍀 🍁 🌈 ☀️ 🌙 ⭐ ⚡ ❄️ 🔥 🌊",
    ],
    [
      "Food",
      "🍕",
      "🍎 🍌 🍉 🍇 🍓 🍒 🍑 🥑 🌶️ 🥕 🌽 🥐 🍞 🧀 🥓 🍔 🍟 🍕 🌮 🌯 🍣 🍜 🍩 🍪 🎂 🍰 🍫 🍿 ☕ 🍵 🍺 🍻 🥂 🍷",
    ],
    ["Activity", "🎉", "🎉 🎊 🎈 🎁 🏆 🥇 🏅 ⚽ 🏀 🏈 ⚾ 🎾 🏐 🎳 🎯 🎮 🎲 🧩 🎨 🎬 🎤 🎧 🎸 🎹 🚀 ✈️ 🚗 🚲 ⛵ 🏖️ 🏔️ 🏠"],
    [
      "Symbols",
      "❤️",
      "❤️ 🧡 💛 💚 💙 💜 🖤 🤍 💔 💯 ✅ ☑️ ✔️ ❌ ❓ ❗ ‼️ ⚠️ 🚫 💡 📌 📎 🔗 🔒 🔑 🔔 💬 💭 📣 📈 📉 ⏰ ⌛ 💰 🆗 🆕 🔝 ➕ ➖",
    ],
  ];
  /** The grid's columns: the arrow keys move by this much up and down. */
  const columns = 8;

  let picker = null;
  let request = null;

  const build = () => {
    const el = document.createElement("div");
    el.className = "emoji-picker";
    el.setAttribute("role", "dialog");
    el.setAttribute("aria-label", "Pick a reaction");
    el.hidden = true;
    const nav = document.createElement("div");
    nav.className = "emoji-categories";
    const body = document.createElement("div");
    body.className = "emoji-sections";
    for (const [name, icon, list] of categories) {
      const section = document.createElement("section");
      const heading = document.createElement("div");
      heading.className = "emoji-category-name";
      heading.id = `emoji-${name.toLowerCase()}`;
      heading.textContent = name;
      const grid = document.createElement("div");
      grid.className = "emoji-grid";
      grid.setAttribute("role", "group");
      grid.setAttribute("aria-labelledby", heading.id);
      for (const emoji of list.split(" ")) {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "emoji";
        button.tabIndex = -1;
        button.textContent = emoji;
        grid.append(button);
      }
      section.append(heading, grid);
      body.append(section);
      const jump = document.createElement("button");
      jump.type = "button";
      jump.textContent = icon;
      jump.title = name;
      jump.setAttribute("aria-label", name);
      jump.addEventListener("click", () => {
        body.scrollTop = section.offsetTop - body.offsetTop;
        moveTo(grid.querySelector(".emoji"));
      });
      nav.append(jump);
    }
    el.append(nav, body);
    el.addEventListener("click", (event) => {
      const button = event.target.closest?.(".emoji");
      if (button) choose(button.textContent);
    });
    el.addEventListener("keydown", keys);
    document.body.append(el);
    return el;
  };

  const emojiButtons = () => [...picker.querySelectorAll(".emoji")];
  /** One tab stop in the grid: the emoji last reached. */
  const moveTo = (button) => {
    if (!button) return;
    for (const other of picker.querySelectorAll(".emoji[tabindex='0']")) other.tabIndex = -1;
    button.tabIndex = 0;
    button.focus();
  };

  const moves = {
    ArrowLeft: (at) => at - 1,
    ArrowRight: (at) => at + 1,
    ArrowUp: (at) => at - columns,
    ArrowDown: (at) => at + columns,
    Home: () => 0,
    End: (_, all) => all.length - 1,
  };
  function keys(event) {
    if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      close(true);
      return;
    }
    const move = moves[event.key];
    const at = event.target.closest?.(".emoji");
    if (!move || !at) return;
    event.preventDefault();
    const all = emojiButtons();
    const next = Math.min(all.length - 1, Math.max(0, move(all.indexOf(at), all)));
    all[next].scrollIntoView({ block: "nearest" });
    moveTo(all[next]);
  }

  const choose = (emoji) => {
    const { pick } = request ?? {};
    close(true);
    pick?.(emoji);
  };

  const close = (refocus) => {
    if (!picker || picker.hidden) return;
    picker.hidden = true;
    const anchor = request?.anchor;
    anchor?.setAttribute("aria-expanded", "false");
    request = null;
    if (refocus && anchor?.isConnected && !anchor.closest("[hidden]")) anchor.focus();
  };

  /** Beside its button: below it if it fits, else above; never off the side of the window. */
  const place = (anchor) => {
    const at = anchor.getBoundingClientRect();
    const width = picker.offsetWidth;
    const height = picker.offsetHeight;
    const below = at.bottom + 6 + height <= window.innerHeight;
    picker.style.top = `${Math.max(6, below ? at.bottom + 6 : at.top - 6 - height)}px`;
    picker.style.left = `${Math.min(Math.max(6, at.right - width), window.innerWidth - width - 6)}px`;
  };

  document.addEventListener("parley:pick-emoji", (event) => {
    picker ??= build();
    const anchor = event.target;
    if (!picker.hidden && request?.anchor === anchor) return close(true);
    request = { anchor, pick: event.detail.pick };
    picker.hidden = false;
    anchor.setAttribute("aria-expanded", "true");
    place(anchor);
    moveTo(picker.querySelector(".emoji[tabindex='0']") ?? picker.querySelector(".emoji"));
  });

  // A press anywhere else, or focus going elsewhere, closes it.
  document.addEventListener("pointerdown", (event) => {
    if (picker && !picker.hidden && !picker.contains(event.target) && event.target !== request?.anchor) close(false);
  });
  document.addEventListener("focusin", (event) => {
    if (picker && !picker.hidden && !picker.contains(event.target) && event.target !== request?.anchor) close(false);
  });
  window.addEventListener("resize", () => close(false));
})();
