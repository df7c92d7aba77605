import { usePaths } from "../paths.ts";

/**
 * "Notifications on this device": a switch static/push-settings.js brings to life (a browser
 * subscribes itself, so nothing here works without script). It registers the service worker
 * served at the base path's root, subscribes with the deployment's public key and posts the
 * subscription; off, it unsubscribes and asks the server to forget it. What a notification is
 * for is each room's choice (All, Mentions, None); direct messages count as mentions.
 */
export const PushControl = ({ publicKey }: { publicKey: string }) => {
  const { to } = usePaths();
  return (
    <section class="card push-control" aria-labelledby="push">
      <h2 id="push">Notifications on this device</h2>
      <p class="hint" id="push-hint">
        When you have no tab open in a room, this browser tells you about direct messages and mentions of you (as each
        room's Notify choice allows). Each browser or device is turned on separately.
      </p>
      <div
        class="push-switch"
        data-push-key={publicKey}
        data-push-worker={to("/push-worker.js")}
        data-push-save={to("/settings/push")}
        data-push-remove={to("/settings/push/remove")}
      >
        <button type="button" class="push-toggle" aria-pressed="false" aria-describedby="push-hint" disabled>
          Turn on
        </button>
        <p class="push-state" aria-live="polite">
          <noscript>Notifications need JavaScript in this browser.</noscript>
        </p>
      </div>
      <script src={to("/static/push-settings.js")} defer></script>
    </section>
  );
};
