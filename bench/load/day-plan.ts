/**
 * A realistic day of a chat service, as plain data: who sits in which room, and when each of
 * them types, sends, edits and reacts. Pure (no runtime, no sockets, a seeded random source), so
 * both servers of one run play exactly the same day and a test can check its shape.
 */

/** Who is where: people in small rooms, some of them also in a large room (a second page open). */
export interface Population {
  people: number;
  /** Per room, its sockets' indices: small rooms first, then the large ones. */
  rooms: number[][];
  /** Per socket, its person and its room. */
  sockets: { person: number; room: number }[];
}

export interface PopulationShape {
  people: number;
  /** Everyone is in exactly one small room of this size. */
  smallRoomSize: number;
  /** Sizes of the large rooms, made of extra memberships of people already in a small room. */
  largeRoomSizes: number[];
}

/** 10,000 people in 2,000 rooms of 5, and 20 large rooms of 50 to 100 of them (1,500 more sockets). */
export const dayShape: PopulationShape = {
  people: 10_000,
  smallRoomSize: 5,
  largeRoomSizes: Array.from({ length: 20 }, (_, i) => 50 + Math.round((50 * i) / 19)),
};

/** A small, fast, seeded generator (mulberry32): the same seed, the same day. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function population(shape: PopulationShape, random: () => number): Population {
  const rooms: number[][] = [];
  const sockets: Population["sockets"] = [];
  const seat = (person: number, room: number) => {
    const members = rooms[room] ?? [];
    rooms[room] = members;
    members.push(sockets.length);
    sockets.push({ person, room });
  };
  for (let person = 0; person < shape.people; person++) seat(person, Math.floor(person / shape.smallRoomSize));
  const smallRooms = Math.ceil(shape.people / shape.smallRoomSize);
  shape.largeRoomSizes.forEach((size, i) => {
    const members = new Set<number>();
    while (members.size < Math.min(size, shape.people)) members.add(Math.floor(random() * shape.people));
    for (const person of members) seat(person, smallRooms + i);
  });
  return { people: shape.people, rooms, sockets };
}

export type DayEventKind = "typing" | "post" | "edit" | "react";

/** One thing a socket does at `at` ms from the start; `message` numbers the post it is about. */
export interface DayEvent {
  at: number;
  kind: DayEventKind;
  socket: number;
  message: number;
}

export interface Habits {
  /** Messages per second, all people together (Poisson arrivals). */
  rate: number;
  seconds: number;
  /** How long a person types before sending: uniform between these, in seconds. */
  typingSeconds: [number, number];
  /** The page's typing signal: one at the first key, then one per this many ms while typing (htmx throttle). */
  signalEveryMs: number;
  /** Share of messages their author edits, and how long after sending (seconds). */
  edited: number;
  editAfter: [number, number];
  /** Share of messages someone else in the room reacts to, and how long after (seconds). */
  reacted: number;
  reactAfter: [number, number];
}

/** Typing for 2–8 s, the page's 1.2 s signal, 5% of messages edited, 10% reacted to. */
export const dayHabits: Omit<Habits, "rate" | "seconds"> = {
  typingSeconds: [2, 8],
  signalEveryMs: 1200,
  edited: 0.05,
  editAfter: [5, 30],
  reacted: 0.1,
  reactAfter: [2, 20],
};

const between = (random: () => number, [low, high]: [number, number]) => low + random() * (high - low);

/**
 * The day's events in time order. Messages arrive as a Poisson process of `rate` per second over
 * `seconds` (exponential gaps), each from a socket drawn uniformly, so a person in a large room
 * sends there as often as in their small one. Each message is preceded by the typing signals its
 * page sends (none before the start), and some are later edited by their author or reacted to by
 * another member; whatever would fall after the end is left out.
 */
export function daySchedule(people: Population, habits: Habits, random: () => number): DayEvent[] {
  const events: DayEvent[] = [];
  const end = habits.seconds * 1000;
  let message = 0;
  for (let at = exponentialGap(random, habits.rate); at < end; at += exponentialGap(random, habits.rate)) {
    const socket = Math.floor(random() * people.sockets.length);
    message++;
    const typingFrom = at - between(random, habits.typingSeconds) * 1000;
    for (let signal = typingFrom; signal < at; signal += habits.signalEveryMs)
      if (signal >= 0) events.push({ at: signal, kind: "typing", socket, message });
    events.push({ at, kind: "post", socket, message });
    if (random() < habits.edited) {
      const editAt = at + between(random, habits.editAfter) * 1000;
      if (editAt < end) events.push({ at: editAt, kind: "edit", socket, message });
    }
    if (random() < habits.reacted) {
      const reactAt = at + between(random, habits.reactAfter) * 1000;
      const room = people.rooms[people.sockets[socket]?.room as number] as number[];
      const others = room.filter((s) => s !== socket);
      const reactor = others[Math.floor(random() * others.length)];
      if (reactAt < end && reactor !== undefined) events.push({ at: reactAt, kind: "react", socket: reactor, message });
    }
  }
  return events.sort((a, b) => a.at - b.at);
}

/** The gap to the next arrival of a Poisson process of `rate` per second, in ms. */
export const exponentialGap = (random: () => number, rate: number) => (-Math.log(1 - random()) / rate) * 1000;

/** The value below which `share` of the values lie (nearest rank); 0 for none. */
export function percentile(values: ArrayLike<number>, share: number): number {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))] as number;
}
