// Files imported `with { type: "file" }`: Bun hands back their path (embedded in a compiled binary).
declare module "htmx.org/dist/*.js" {
  const path: string;
  export default path;
}
declare module "*.css" {
  const path: string;
  export default path;
}
declare module "*/static/room.js" {
  const path: string;
  export default path;
}
declare module "*/static/ws-reconnect.js" {
  const path: string;
  export default path;
}
declare module "*/static/connection.js" {
  const path: string;
  export default path;
}
declare module "*/static/composer.js" {
  const path: string;
  export default path;
}
declare module "*/static/outbox.js" {
  const path: string;
  export default path;
}
declare module "*/static/drafts.js" {
  const path: string;
  export default path;
}
declare module "*/static/keys.js" {
  const path: string;
  export default path;
}
declare module "*/static/attachments.js" {
  const path: string;
  export default path;
}
declare module "*/static/image-viewer.js" {
  const path: string;
  export default path;
}
declare module "*/static/message-link.js" {
  const path: string;
  export default path;
}
declare module "*/static/quick-switcher.js" {
  const path: string;
  export default path;
}
declare module "*/static/push-settings.js" {
  const path: string;
  export default path;
}
declare module "*/static/push-worker.js" {
  const path: string;
  export default path;
}
declare module "*.svg" {
  const path: string;
  export default path;
}
declare module "*/static/embed.js" {
  const path: string;
  export default path;
}
declare module "*/static/embed-frame.js" {
  const path: string;
  export default path;
}
declare module "*/static/message-dom.js" {
  const path: string;
  export default path;
}
declare module "*/static/message-actions.js" {
  const path: string;
  export default path;
}
declare module "*/static/emoji-picker.js" {
  const path: string;
  export default path;
}
declare module "*/static/composer-modes.js" {
  const path: string;
  export default path;
}
declare module "*/static/reactions.js" {
  const path: string;
  export default path;
}
