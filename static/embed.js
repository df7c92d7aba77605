/*
 * Parley's embed snippet, for other sites: puts a live room where the script is,
 *   <script src="https://chat.example.com/embed.js" data-room="general" async></script>
 * or wherever a <parley-room room="general"></parley-room> element is. Optional: data-token /
 * token (a sign-in the site signed for this room), data-theme (light, dark, auto), data-accent
 * (a hex colour). The frame reports its content's height; the iframe follows it. A frame that
 * never reports (this site is not among the room's allowed origins, so the browser refused to
 * show it; or Parley is unreachable) gives way to a short explanation instead of the browser's
 * grey error page, whose reason only the console tells.
 */
(() => {
  const script = document.currentScript;
  if (!script) return;
  const parley = new URL(script.src).origin;

  /** One iframe for one room; `options` are the script's data-* or the element's attributes. */
  const frame = (room, options) => {
    // Relative to this script (served at <Parley>/embed.js): Parley may live under a path of its host.
    const url = new URL(`embed/${encodeURIComponent(room)}`, script.src);
    for (const name of ["theme", "accent", "token"]) if (options[name]) url.searchParams.set(name, options[name]);
    // Where the frame may send its height: checked against the room's allowed origins.
    url.searchParams.set("host", location.origin);
    const iframe = document.createElement("iframe");
    iframe.src = url.href;
    iframe.title = options.title || `Chat: ${room}`;
    iframe.dataset.parleyRoom = room;
    iframe.style.cssText = "display:block;width:100%;height:240px;border:0;color-scheme:normal";
    waitForReport(iframe);
    return iframe;
  };

  // How long a frame has to report its height (embed-frame.js does at once) before it counts as refused.
  const patienceMs = 6000;
  const waiting = new Map();

  /** Shows the explanation in the frame's place unless the frame reports in first. */
  const waitForReport = (iframe) => {
    waiting.set(
      iframe,
      setTimeout(() => {
        waiting.delete(iframe);
        iframe.style.display = "none";
        iframe.after(notice());
      }, patienceMs),
    );
  };

  /** Text only (textContent): nothing of the page or of Parley is read as markup. */
  const notice = () => {
    const box = document.createElement("div");
    box.className = "parley-embed-notice";
    box.setAttribute("role", "status");
    box.style.cssText =
      "box-sizing:border-box;width:100%;padding:1em;border:1px dashed rgba(128,128,128,.6);border-radius:8px;font:inherit;color:inherit;line-height:1.4";
    const title = document.createElement("strong");
    title.textContent = "The chat could not be shown here.";
    const why = document.createElement("p");
    why.style.cssText = "margin:.4em 0 0";
    why.textContent = `If this is your site: in the room's settings on ${parley}, add ${location.origin} to its allowed origins. Otherwise, try again later.`;
    box.append(title, why);
    return box;
  };

  /** A frame reported in (perhaps late): it is shown, and any explanation of it goes. */
  const reported = (iframe) => {
    clearTimeout(waiting.get(iframe));
    waiting.delete(iframe);
    if (iframe.style.display !== "none") return;
    iframe.style.display = "block";
    if (iframe.nextElementSibling?.classList.contains("parley-embed-notice")) iframe.nextElementSibling.remove();
  };

  // Heights come from Parley's frames only: the right origin and one of this page's iframes.
  addEventListener("message", (event) => {
    if (event.origin !== parley || event.data?.type !== "parley:height") return;
    const height = Number(event.data.height);
    if (!Number.isFinite(height) || height < 0 || height > 20000) return;
    for (const iframe of document.querySelectorAll("iframe[data-parley-room]")) {
      if (iframe.contentWindow !== event.source) continue;
      iframe.style.height = `${Math.ceil(height)}px`;
      reported(iframe);
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
