// An image in the conversation opens over the room, not as a raw file in another tab: a
// <dialog> that Escape, its close button or a click beside the picture closes, handing focus
// back to the image's link. Without script the link still opens the file (views/messages/message.tsx).
(() => {
  let viewer;
  let opener;

  const build = () => {
    viewer = document.createElement("dialog");
    viewer.className = "image-viewer";
    viewer.setAttribute("aria-label", "Image");
    const bar = document.createElement("div");
    bar.className = "image-viewer-bar";
    const original = document.createElement("a");
    original.className = "image-viewer-original";
    original.target = "_blank";
    original.rel = "noopener";
    original.textContent = "Open original";
    const close = document.createElement("button");
    close.type = "button";
    close.className = "image-viewer-close";
    close.textContent = "Close";
    close.addEventListener("click", () => viewer.close());
    bar.append(original, close);
    const picture = document.createElement("img");
    picture.className = "image-viewer-image";
    viewer.append(bar, picture);
    // A click on the backdrop (the dialog itself, around the picture) closes it too.
    viewer.addEventListener("click", (event) => {
      if (event.target === viewer) viewer.close();
    });
    viewer.addEventListener("close", () => {
      opener?.focus();
      opener = null;
    });
    document.body.append(viewer);
  };

  const open = (link) => {
    if (!viewer) build();
    const shown = link.querySelector("img");
    const picture = viewer.querySelector(".image-viewer-image");
    const file = link.getAttribute("href");
    picture.src = file;
    picture.alt = shown?.alt ?? "";
    viewer.setAttribute("aria-label", shown?.alt || "Image");
    viewer.querySelector(".image-viewer-original").setAttribute("href", file);
    opener = link;
    viewer.showModal();
    viewer.querySelector(".image-viewer-close").focus();
  };

  document.addEventListener("click", (event) => {
    const link = event.target.closest?.(".message a.attachment");
    // A new tab or window, asked for with a modifier or the middle button, stays the browser's.
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    open(link);
  });
})();
