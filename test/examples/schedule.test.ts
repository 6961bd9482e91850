// The event-schedule example's file format: what a valid schedule becomes, and the messages a
// person editing the file by hand gets for each kind of mistake.
import * as fs from "node:fs";
import * as path from "node:path";

import { describe, expect, it } from "vitest";

import { parseSchedule } from "../../examples/event-schedule/schedule";

const EXAMPLE = fs.readFileSync(
  path.join(__dirname, "../../examples/event-schedule/schedule.yaml"),
  "utf8",
);
const BEFORE_THE_EVENT = new Date("2027-01-10T00:00:00Z");

describe("parseSchedule", () => {
  it("turns the example file into people and sessions with one role per person", () => {
    const schedule = parseSchedule(EXAMPLE, { now: BEFORE_THE_EVENT });

    expect(schedule.people).toEqual(["ines", "omar", "mei", "lars", "ana"]);
    expect(schedule.ended).toEqual([]);
    expect(schedule.sessions.map((s) => [s.id, s.title, s.start, s.end, s.dialOut])).toEqual([
      [
        "opening-keynote",
        "Opening keynote",
        "2027-03-16T09:00:00+01:00",
        "2027-03-16T10:30:00+01:00",
        false,
      ],
      [
        "workshop-rooms-as-code",
        "Workshop: rooms as code",
        "2027-03-16T13:00:00+01:00",
        "2027-03-16T17:00:00+01:00",
        false,
      ],
      [
        "closing-panel",
        "Closing panel",
        "2027-03-17T15:00:00+01:00",
        "2027-03-17T16:30:00+01:00",
        true,
      ],
    ]);
    expect(schedule.sessions[1].participants).toEqual([
      { person: "mei", role: "Presenter" },
      { person: "lars", role: "Attendee" },
      { person: "ana", role: "Consumer" },
    ]);
    expect(schedule.sessions[2].participants.map((p) => `${p.person}:${p.role}`)).toEqual([
      "omar:Presenter",
      "mei:Presenter",
      "ines:Presenter",
      "lars:Attendee",
      "ana:Attendee",
    ]);
  });

  it("records the line of each session for messages about it", () => {
    const schedule = parseSchedule(EXAMPLE, { now: BEFORE_THE_EVENT });

    expect(schedule.sessions.map((s) => s.line)).toEqual([25, 33, 41]);
  });

  it("sets sessions that have ended apart instead of declaring rooms for them", () => {
    const schedule = parseSchedule(EXAMPLE, { now: new Date("2027-03-16T12:00:00+01:00") });

    expect(schedule.ended.map((s) => s.id)).toEqual(["opening-keynote"]);
    expect(schedule.sessions.map((s) => s.id)).toEqual(["workshop-rooms-as-code", "closing-panel"]);
  });

  it(
    "lists every problem of a file at once, " +
      "each with line, session, field, value, rule and fix",
    () => {
      const text = [
        "people: [ana, omar, Ana]",
        "sessions:",
        "  - id: keynote",
        "    title: Keynote",
        "    start: 2027-03-16T09:00:00Z",
        "    end: 2027-03-16T08:00:00Z",
        "    speaker: [omar]",
        "    attendees: [anna, omar]",
        "  - id: keynote",
        "    title: Again",
        "    start: 2027-03-16 09:00",
        "    end: 2027-03-16T10:00:00Z",
        "  - id: Workshop 1",
        "    title: ''",
        "    start: 2027-03-16T09:00:00Z",
        "    end: 2027-10-01T09:00:00Z",
        "    dialOut: maybe",
        "    speakers: [omar]",
        "    viewers: [omar]",
        "venue: Hall A",
      ].join("\n");

      expect(() => parseSchedule(text, { file: "event.yaml", now: BEFORE_THE_EVENT })).toThrow(
        [
          "event.yaml has 12 problems:",
          '  line 1: people entry "Ana" must be lower-case letters, digits and hyphens, ' +
            "starting with a letter or digit; rename the person",
          '  line 6: session "keynote", end "2027-03-16T08:00:00Z" ' +
            'is not after start "2027-03-16T09:00:00Z"; ' +
            "move end later or start earlier",
          '  line 7: session "keynote", field "speaker" is not known; did you mean "speakers"?',
          '  line 8: session "keynote", attendees entry "anna" ' +
            'is not one of the schedule\'s people; did you mean "ana"?',
          '  line 9: session "keynote", id is used by an earlier session; ' +
            "give each session its own id",
          '  line 11: session "keynote", start "2027-03-16 09:00" ' +
            "must be a date-time with a time zone; " +
            "write it like 2026-09-14T09:00:00+02:00",
          '  line 13: session #3, id "Workshop 1" must be lower-case letters, ' +
            "digits and hyphens, starting with a letter or digit; " +
            "set `id:` to a short stable name such as `keynote`; " +
            "rooms are matched by it",
          "  line 14: session #3, title must be a non-empty text; add `title:`",
          '  line 16: session #3, end "2027-10-01T09:00:00Z" ' +
            'is more than 180 days after start "2027-03-16T09:00:00Z", ' +
            "longer than ACS keeps a room open; " +
            "split the session or shorten it",
          '  line 17: session #3, dialOut "maybe" must be true or false; ' +
            "write `dialOut: true` or leave it out",
          '  line 19: session #3, viewers entry "omar" is already in speakers; ' +
            "a person has one role per session; " +
            "keep the name in one list",
          '  line 20: top-level field "venue" is not known; remove it',
        ].join("\n"),
      );
    },
  );

  it("names the line of a YAML syntax error", () => {
    const text = "people: [ana\nsessions:\n  - id: a\n";

    expect(() => parseSchedule(text)).toThrow(
      /^schedule\.yaml has 1 problem:\n {2}line \d+: the file is not valid YAML: /,
    );
  });

  it("asks for people and sessions when the file has neither", () => {
    expect(() => parseSchedule("title: My event\n")).toThrow(
      [
        "schedule.yaml has 3 problems:",
        "  line 1: people must be a list of names; add `people: [ana, omar]`",
        "  line 1: sessions must be a non-empty list; add a session",
        '  line 1: top-level field "title" is not known; remove it',
      ].join("\n"),
    );
  });
});
