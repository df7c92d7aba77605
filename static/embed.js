/*
 * Parley's embed snippet, for other sites: puts a live room where the script is,
 *   <script src="https://chat.example.com/embed.js" data-room="general" async></script>
 * or wherever a <parley-room room="general"></parley-room> element is. Optional: data-token /
 * token (a sign-in the site signed for this room), data-theme (light, dark, auto), data-accent
 * (a hex colour). The frame reports its content's height; the iframe follows it.
 */
(() => {
  const script = document.currentScript;
  if (!script) return;
  const parley = new URL(script.src).origin;

  /** One iframe for one room; `options` are the script's data-* or the element's attributes. */
  const frame = (room, options) => {
    const url = new URL(`/embed/${encodeURIComponent(room)}`, parley);
    for (const name of ["theme", "accent", "token"]) if (options[name]) url.searchParams.set(name, options[name]);
    // Where the frame may send its height: checked against the room's allowed origins.
    url.searchParams.set("host", location.origin);
    const iframe = document.createElement("iframe");
    iframe.src = url.href;
    iframe.title = options.title || `Chat: ${room}`;
    iframe.dataset.parleyRoom = room;
    iframe.style.cssText = "display:block;width:100%;height:240px;border:0;color-scheme:normal";
    return iframe;
  };

  // Heights come from Parley's frames only: the right origin and one of this page's iframes.
  addEventListener("message", (event) => {
    if (event.origin !== parley || event.data?.type !== "parley:height") return;
    const height = Number(event.data.height);
    if (!Number.isFinite(height) || height < 0 || height > 20000) return;
    for (const iframe of document.querySelectorAll("iframe[data-parley-room]")) {
      if (iframe.contentWindow === event.source) iframe.style.height = `${Math.ceil(height)}px`;
    }
  });

  if (script.dataset.room) script.after(frame(script.dataset.room, script.dataset));

  if (!customElements.get("parley-room")) {
    customElements.define(
      "parley-room",
      class extends HTMLElement {
        connectedCallback() {
          const room = this.getAttribute("room");
          if (!room || this.querySelector("iframe")) return;
          const options = Object.fromEntries(
            ["theme", "accent", "token", "title"].map((n) => [n, this.getAttribute(n)]),
          );
          this.append(frame(room, options));
        }
      },
    );
  }
})();
