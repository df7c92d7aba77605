/** A search page's address: its words, the room it is in, and where the page starts. */
export const searchHref = (search: { text?: string; room?: string; before?: number }) => {
  const query = new URLSearchParams();
  if (search.text) query.set("q", search.text);
  if (search.room) query.set("room", search.room);
  if (search.before !== undefined) query.set("before", String(search.before));
  const rest = query.toString();
  return rest ? (`/search?${rest}` as const) : ("/search" as const);
};
