/**
 * Typing signals: the page sends at most one per `pageEveryMs` while keys are pressed, the
 * server passes on at most one per `serverEveryMs` per socket, and the line fades out
 * `showsForMs` after the last one (static/app.css, .typist) unless the message comes first.
 * A signal every 1.2 s keeps the line up through one lost to the server's throttle (2.4 s of
 * silence), and a pause clears it within about four seconds of the last key (the page's
 * throttle sends once more after it), where it once lingered for nine.
 */
export const typingRules = { pageEveryMs: 1200, serverEveryMs: 1000, showsForMs: 3000 };
