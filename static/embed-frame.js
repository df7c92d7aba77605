/*
 * Inside an embedded room: tells the embedding page (static/embed.js there) how tall the room
 * is, so its iframe fits it. Only to the origin the server checked against the room's allowed
 * origins (data-host-origin): the height goes nowhere else.
 */
(() => {
  const host = document.documentElement.dataset.hostOrigin;
  if (!host || window.parent === window) return;
  let sent = -1;
  const report = () => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === sent) return;
    sent = height;
    window.parent.postMessage({ type: "parley:height", height }, host);
  };
  new ResizeObserver(report).observe(document.documentElement);
  report();
})();
