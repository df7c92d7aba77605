// Parley's service worker: shows a Web Push notification (a mention or a direct message while no
// tab was open in its room) and opens the room at that message when it is clicked. The server
// sends everything it shows and every address (src/push/notifier.ts: title, body, url, icon, tag).
self.addEventListener("push", (event) => {
  let note;
  try {
    note = event.data.json();
  } catch {
    return;
  }
  event.waitUntil(
    self.registration.showNotification(String(note.title), {
      body: String(note.body ?? ""),
      icon: note.icon,
      tag: note.tag,
      renotify: Boolean(note.tag),
      data: { url: note.url },
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const target = new URL(event.notification.data?.url ?? "./", self.registration.scope);
  // Only our own pages: the address came from our server, but never navigate anywhere else.
  if (target.origin !== self.location.origin) return;
  event.waitUntil(
    (async () => {
      const tabs = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      const same = tabs.find((tab) => new URL(tab.url).pathname === target.pathname);
      // A tab this worker does not control (opened before it was registered) cannot be steered: open one.
      if (same?.navigate) {
        try {
          const shown = await same.navigate(target.href);
          if (shown) return shown.focus();
        } catch {}
      }
      return self.clients.openWindow(target.href);
    })(),
  );
});
