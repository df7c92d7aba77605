import { describe, expect, it } from "vitest";
import {
  type DayEvent,
  dayHabits,
  daySchedule,
  dayShape,
  exponentialGap,
  percentile,
  population,
  seeded,
} from "../../bench/load/day-plan.ts";

describe("a realistic day's plan (bench/realistic-day.ts)", () => {
  const people = population(dayShape, seeded(1));

  it("seats everyone in one small room, and some of them again in the large rooms", () => {
    const large = dayShape.largeRoomSizes.reduce((sum, size) => sum + size, 0);
    expect(people.sockets).toHaveLength(10_000 + large);
    expect(people.rooms).toHaveLength(2_000 + 20);
    for (const room of people.rooms.slice(0, 2_000)) expect(room).toHaveLength(5);
    people.rooms.slice(2_000).forEach((room, i) => {
      expect(room).toHaveLength(dayShape.largeRoomSizes[i] as number);
      // A person has one page per room: no one twice in a large room.
      expect(new Set(room.map((s) => people.sockets[s]?.person)).size).toBe(room.length);
    });
    expect(Math.min(...dayShape.largeRoomSizes)).toBe(50);
    expect(Math.max(...dayShape.largeRoomSizes)).toBe(100);
  });

  const habits = { ...dayHabits, rate: 50, seconds: 200 };
  const day = daySchedule(people, habits, seeded(7));
  const of = (kind: DayEvent["kind"]) => day.filter((event) => event.kind === kind);

  it("sends messages as a Poisson process of the chosen rate, in time order, within the day", () => {
    const posts = of("post");
    // 10,000 expected arrivals: a count off by more than 4% would be a wrong rate, not chance (σ = 1%).
    expect(posts.length).toBeGreaterThan(habits.rate * habits.seconds * 0.96);
    expect(posts.length).toBeLessThan(habits.rate * habits.seconds * 1.04);
    expect(day.every((event, i) => i === 0 || (day[i - 1] as DayEvent).at <= event.at)).toBe(true);
    expect(day.every((event) => event.at >= 0 && event.at < habits.seconds * 1000)).toBe(true);
    const random = seeded(3);
    const gaps = Array.from({ length: 20_000 }, () => exponentialGap(random, 50));
    expect(gaps.reduce((sum, gap) => sum + gap, 0) / gaps.length).toBeCloseTo(20, 0);
  });

  it("has each message typed first, at the page's pace, by its sender", () => {
    const posts = new Map(of("post").map((post) => [post.message, post]));
    const typing = of("typing");
    expect(typing.length / posts.size).toBeGreaterThan(3);
    const outOfPlace = typing.filter((signal) => {
      const post = posts.get(signal.message) as DayEvent;
      const before = post.at - signal.at;
      return signal.socket !== post.socket || before <= 0 || before > habits.typingSeconds[1] * 1000;
    });
    expect(outOfPlace).toEqual([]);
  });

  it("has about 5% of messages edited by their author and 10% reacted to by another member", () => {
    const posts = new Map(of("post").map((post) => [post.message, post]));
    const edits = of("edit");
    const reactions = of("react");
    expect(edits.length / posts.size).toBeGreaterThan(0.04);
    expect(edits.length / posts.size).toBeLessThan(0.06);
    expect(reactions.length / posts.size).toBeGreaterThan(0.085);
    expect(reactions.length / posts.size).toBeLessThan(0.11);
    for (const edit of edits) expect(edit.socket).toBe(posts.get(edit.message)?.socket);
    for (const reaction of reactions) {
      const post = posts.get(reaction.message) as DayEvent;
      expect(reaction.socket).not.toBe(post.socket);
      expect(people.sockets[reaction.socket]?.room).toBe(people.sockets[post.socket]?.room);
      expect(reaction.at).toBeGreaterThan(post.at);
    }
  });

  it("plays the same day for the same seed, so both servers of a run get the same one", () => {
    expect(daySchedule(people, { ...habits, seconds: 20 }, seeded(7))).toEqual(
      daySchedule(people, { ...habits, seconds: 20 }, seeded(7)),
    );
  });

  it("takes percentiles by nearest rank", () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(values, 0.5)).toBe(50);
    expect(percentile(values, 0.99)).toBe(99);
    expect(percentile(values, 1)).toBe(100);
    expect(percentile([], 0.99)).toBe(0);
  });
});
