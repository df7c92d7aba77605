/**
 * Typing signals: the page sends at most one per `pageEveryMs` while keys are pressed, the
 * server passes on at most one per `serverEveryMs` per socket, and the line fades
 * `showsForMs` after the last one (static/app.css, .typist) unless the message comes first.
 */
export const typingRules = { pageEveryMs: 3000, serverEveryMs: 2000, showsForMs: 6000 };
