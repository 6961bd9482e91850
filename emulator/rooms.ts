// The Rooms operations: create, list, get, update and delete rooms, list and update participants.
import { createHash } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { sendAnswer } from "./answers";
import { roomsFeatures, type RoomsApiVersion } from "./api-versions";
import {
  invalidRoomIdFormat,
  invalidRoomIdLength,
  repeatabilityConflict,
  repeatabilityExpired,
  repeatabilityRejected,
  roomNotFound,
  tooManyParticipants,
  validationFailed,
  type AcsErrorDetail,
} from "./errors";
import { isGuid } from "./identifiers";
import { formatInstant } from "./instant";
import { nextLink, PAGE_TOKEN_PARAMETER, readPageToken } from "./paging";
import {
  createParticipants,
  createTimes,
  participantChanges,
  updateTimes,
  type TimeFields,
} from "./room-rules";
import type { EmulatorState } from "./state";
import type { RoomRecord } from "./store";

interface RoomBody extends TimeFields {
  pstnDialOutEnabled?: boolean | null;
  participants?: Record<string, unknown>;
}

type RoomRequest = FastifyRequest<{
  Params: { roomId: string };
  Querystring: Record<string, string>;
  Body: RoomBody;
}>;

const participantEntrySchema = {
  type: ["object", "null"],
  properties: { role: { type: ["string", "null"] } },
};

const roomBodySchema = {
  type: "object",
  properties: {
    validFrom: { type: ["string", "null"] },
    validUntil: { type: ["string", "null"] },
    pstnDialOutEnabled: { type: ["boolean", "null"] },
    participants: { type: ["object", "null"], additionalProperties: participantEntrySchema },
  },
};

const participantsBodySchema = {
  type: "object",
  required: ["participants"],
  properties: {
    participants: { type: "object", additionalProperties: participantEntrySchema },
  },
};

const ROOM_ID_LENGTHS = [16, 17];

/** Registers the Rooms routes on `app`. */
export function registerRoomsRoutes(app: FastifyInstance, state: EmulatorState): void {
  const route = (operation: string) => ({ config: { operation, service: "rooms" as const } });

  app.post("/rooms", { ...route("rooms.create"), schema: { body: roomBodySchema } }, (req, reply) =>
    createRoom(state, req as RoomRequest, reply),
  );
  app.get("/rooms", route("rooms.list"), (req, reply) =>
    listRooms(state, req as RoomRequest, reply),
  );
  app.get("/rooms/:roomId", route("rooms.get"), (req, reply) =>
    getRoom(state, req as RoomRequest, reply),
  );
  app.patch(
    "/rooms/:roomId",
    { ...route("rooms.update"), schema: { body: roomBodySchema } },
    (req, reply) => updateRoom(state, req as RoomRequest, reply),
  );
  app.delete("/rooms/:roomId", route("rooms.delete"), (req, reply) =>
    deleteRoom(state, req as RoomRequest, reply),
  );
  app.get("/rooms/:roomId/participants", route("participants.list"), (req, reply) =>
    listParticipants(state, req as RoomRequest, reply),
  );
  app.patch(
    "/rooms/:roomId/participants",
    { ...route("participants.update"), schema: { body: participantsBodySchema } },
    (req, reply) => updateParticipants(state, req as RoomRequest, reply),
  );
}

function createRoom(state: EmulatorState, request: RoomRequest, reply: FastifyReply) {
  const now = state.clock.nowTicks();
  const version = request.acs.apiVersion as RoomsApiVersion;
  const features = roomsFeatures(version);
  const repeatability = readRepeatability(state, request);

  const bodyHash = repeatability
    ? createHash("sha256").update(request.acs.rawBody).digest("base64")
    : "";
  if (repeatability) {
    const earlier = state.store.getRepeatable(repeatability.requestId);
    if (earlier && earlier.bodyHash !== bodyHash) {
      throw repeatabilityConflict();
    }
    if (earlier) {
      return sendAnswer(state, request, reply, earlier.status, earlier.body, earlier.headers);
    }
  }

  const body = request.body;
  const details: AcsErrorDetail[] = [];
  const participants = createParticipants(body.participants ?? undefined, features, details);
  const times = createTimes(body, now, details);
  if (details.length > 0) {
    throw validationFailed(details);
  }
  if (participants.size > state.options.maxParticipantsPerRoom) {
    throw tooManyParticipants(state.options.maxParticipantsPerRoom);
  }

  const room = state.store.addRoom({
    createdAt: state.clock.nowTicks(),
    ...times,
    pstnDialOutEnabled: features.pstnDialOut ? (body.pstnDialOutEnabled ?? false) : false,
    participants,
  });
  const answer = roomBody(room, version);
  const headers: Record<string, string> = { Location: room.id };
  if (repeatability) {
    headers["Repeatability-Result"] = "accepted";
    state.store.putRepeatable({
      ...repeatability,
      bodyHash,
      status: 201,
      body: answer,
      headers,
    });
  }
  return sendAnswer(state, request, reply, 201, answer, headers);
}

function listRooms(state: EmulatorState, request: RoomRequest, reply: FastifyReply) {
  const fromSeq = readPageToken(request.query[PAGE_TOKEN_PARAMETER]);
  const { page, nextSeq } = state.store.roomsFrom(fromSeq, state.options.pageSize);
  const version = request.acs.apiVersion as RoomsApiVersion;
  return sendAnswer(state, request, reply, 200, {
    value: page.map((room) => roomBody(room, version)),
    ...(nextSeq !== undefined
      ? { nextLink: nextLink(origin(request), "/rooms", version, nextSeq) }
      : {}),
  });
}

function getRoom(state: EmulatorState, request: RoomRequest, reply: FastifyReply) {
  const room = findRoom(state, request.params.roomId);
  const version = request.acs.apiVersion as RoomsApiVersion;
  return sendAnswer(state, request, reply, 200, roomBody(room, version));
}

function updateRoom(state: EmulatorState, request: RoomRequest, reply: FastifyReply) {
  const room = findRoom(state, request.params.roomId);
  const version = request.acs.apiVersion as RoomsApiVersion;
  const features = roomsFeatures(version);
  const body = request.body;

  const details: AcsErrorDetail[] = [];
  const times = updateTimes(body, state.clock.nowTicks(), details);
  if (details.length > 0) {
    throw validationFailed(details);
  }

  const pstn = features.pstnDialOut ? body.pstnDialOutEnabled : undefined;
  state.store.changeRoom(room, (stored) => {
    if (times) {
      stored.validFrom = times.validFrom;
      stored.validUntil = times.validUntil;
    }
    if (typeof pstn === "boolean") {
      stored.pstnDialOutEnabled = pstn;
    }
  });
  return sendAnswer(state, request, reply, 200, roomBody(room, version));
}

function deleteRoom(state: EmulatorState, request: RoomRequest, reply: FastifyReply) {
  const room = findRoom(state, request.params.roomId);
  state.store.deleteRoom(room.id);
  return sendAnswer(state, request, reply, 204);
}

function listParticipants(state: EmulatorState, request: RoomRequest, reply: FastifyReply) {
  const room = findRoom(state, request.params.roomId);
  const start = readPageToken(request.query[PAGE_TOKEN_PARAMETER]);
  const all = [...room.participants.entries()];
  const end = start + state.options.pageSize;
  const version = request.acs.apiVersion;
  const path = `/rooms/${room.id}/participants`;
  return sendAnswer(state, request, reply, 200, {
    value: all.slice(start, end).map(([rawId, role]) => ({ rawId, role })),
    ...(end < all.length ? { nextLink: nextLink(origin(request), path, version, end) } : {}),
  });
}

function updateParticipants(state: EmulatorState, request: RoomRequest, reply: FastifyReply) {
  const room = findRoom(state, request.params.roomId);
  const features = roomsFeatures(request.acs.apiVersion as RoomsApiVersion);

  const details: AcsErrorDetail[] = [];
  const changes = participantChanges(request.body.participants ?? {}, features, details);
  if (details.length > 0) {
    throw validationFailed(details);
  }

  const resulting = new Set(room.participants.keys());
  for (const [rawId, role] of changes) {
    if (role === null) {
      resulting.delete(rawId);
    } else {
      resulting.add(rawId);
    }
  }
  if (resulting.size > state.options.maxParticipantsPerRoom) {
    throw tooManyParticipants(state.options.maxParticipantsPerRoom);
  }

  state.store.changeRoom(room, (stored) => {
    for (const [rawId, role] of changes) {
      if (role === null) {
        stored.participants.delete(rawId);
      } else {
        stored.participants.set(rawId, role);
      }
    }
  });
  return sendAnswer(state, request, reply, 200, {});
}

/** The stored room for a path id: 400 for a malformed id, 404 for an unknown one. */
function findRoom(state: EmulatorState, roomId: string): RoomRecord {
  if (!ROOM_ID_LENGTHS.includes(roomId.length)) {
    throw invalidRoomIdLength();
  }
  if (!/^\d+$/.test(roomId)) {
    throw invalidRoomIdFormat();
  }
  const room = state.store.getRoom(roomId);
  if (!room) {
    throw roomNotFound();
  }
  return room;
}

/** A room as the given api-version shows it. */
function roomBody(room: RoomRecord, version: RoomsApiVersion) {
  return {
    id: room.id,
    createdAt: formatInstant(room.createdAt),
    validFrom: formatInstant(room.validFrom),
    validUntil: formatInstant(room.validUntil),
    ...(roomsFeatures(version).pstnDialOut ? { pstnDialOutEnabled: room.pstnDialOutEnabled } : {}),
  };
}

/**
 * The repeatability headers of a create, checked: undefined when the request is not repeatable;
 * 400 (rejected) for a bad id or date; 412 for a First-Sent older than the window.
 */
function readRepeatability(
  state: EmulatorState,
  request: FastifyRequest,
): { requestId: string; firstSentMs: number } | undefined {
  const requestId = headerValue(request, "repeatability-request-id");
  if (requestId === undefined) {
    return undefined;
  }
  if (!isGuid(requestId)) {
    throw repeatabilityRejected("Repeatability-Request-ID");
  }
  const firstSent = headerValue(request, "repeatability-first-sent");
  const firstSentMs = firstSent && HTTP_DATE.test(firstSent) ? Date.parse(firstSent) : NaN;
  if (!Number.isFinite(firstSentMs)) {
    throw repeatabilityRejected("Repeatability-First-Sent");
  }

  const nowMs = state.clock.now().getTime();
  state.store.forgetRepeatableBefore(nowMs - state.options.repeatabilityWindowMs);
  if (firstSentMs < nowMs - state.options.repeatabilityWindowMs) {
    throw repeatabilityExpired();
  }
  return { requestId: requestId.toLowerCase(), firstSentMs };
}

const HTTP_DATE = /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;

function headerValue(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Scheme, host and port the client used, for absolute links back to the emulator. */
export function origin(request: FastifyRequest): string {
  return `${request.protocol}://${request.headers.host ?? request.host}`;
}
