// "Notifications on this device" on the settings page: the browser subscribes itself to Web Push
// with the deployment's public key, and the server keeps (or forgets) the subscription. The page
// gives every address (data-push-*): nothing here spells a Parley path.
(() => {
  const box = document.querySelector("[data-push-key]");
  if (!box) return;
  const button = box.querySelector(".push-toggle");
  const state = box.querySelector(".push-state");
  const say = (text) => {
    state.textContent = text;
  };
  const show = (on) => {
    button.setAttribute("aria-pressed", String(on));
    button.textContent = on ? "Turn off" : "Turn on";
    button.disabled = false;
  };

  if (!("serviceWorker" in navigator) || !("PushManager" in window) || !window.isSecureContext) {
    say("This browser cannot show notifications from Parley (it needs HTTPS and the Push API).");
    return;
  }
  // The application server key as PushManager takes it: bytes, from base64url.
  const keyBytes = (text) => {
    const base64 = text.replace(/-/g, "+").replace(/_/g, "/");
    const raw = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
    return Uint8Array.from(raw, (c) => c.charCodeAt(0));
  };
  const post = async (url, body) => {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      credentials: "same-origin",
    });
    if (!response.ok) {
      const answer = await response.json().catch(() => ({}));
      throw new Error(answer.error || `The server answered ${response.status}.`);
    }
  };
  const registration = () => navigator.serviceWorker.register(box.dataset.pushWorker);

  const turnOn = async () => {
    const permission = await Notification.requestPermission();
    if (permission !== "granted") {
      say("Notifications are blocked for this site: allow them in the browser's site settings, then try again.");
      return false;
    }
    const worker = await registration();
    await navigator.serviceWorker.ready;
    let subscription = await worker.pushManager.getSubscription();
    if (subscription) await subscription.unsubscribe(); // made with another key, perhaps: start clean
    subscription = await worker.pushManager
      .subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(box.dataset.pushKey) })
      .catch((error) => {
        throw new Error(`this browser's push service would not take a subscription (${error.message}).`);
      });
    await post(box.dataset.pushSave, subscription.toJSON());
    say("On: this browser will tell you about direct messages and mentions while you are away.");
    return true;
  };
  const turnOff = async () => {
    const worker = await navigator.serviceWorker.getRegistration(box.dataset.pushWorker);
    const subscription = await worker?.pushManager.getSubscription();
    if (subscription) {
      await post(box.dataset.pushRemove, { endpoint: subscription.endpoint });
      await subscription.unsubscribe();
    }
    say("Off: this browser shows no notifications from Parley.");
    return false;
  };

  button.addEventListener("click", async () => {
    const wasOn = button.getAttribute("aria-pressed") === "true";
    button.disabled = true;
    say(wasOn ? "Turning off…" : "Turning on…");
    try {
      show(wasOn ? await turnOff() : await turnOn());
    } catch (error) {
      say(`That did not work: ${error.message}`);
      show(wasOn);
    }
  });

  navigator.serviceWorker
    .getRegistration(box.dataset.pushWorker)
    .then((worker) => worker?.pushManager.getSubscription())
    .then((subscription) => {
      show(Boolean(subscription));
      if (Notification.permission === "denied")
        say("Notifications are blocked for this site in the browser's settings.");
      else say(subscription ? "On for this browser." : "Off for this browser.");
    })
    .catch(() => show(false));
})();
