// The emulator's data: rooms, users and the answers kept for repeatable requests. Plain in-memory
// maps; persistence.ts turns them into a file and back.
import { randomBytes } from "node:crypto";
import type { Role } from "./api-versions";
import type { Ticks } from "./instant";

/** A room as stored. Participants keep the order they were added in. */
export interface RoomRecord {
  id: string;
  /** Creation order, used for listing and paging. */
  seq: number;
  createdAt: Ticks;
  validFrom: Ticks;
  validUntil: Ticks;
  pstnDialOutEnabled: boolean;
  participants: Map<string, Role>;
}

/** A user of the Identity service. */
export interface UserRecord {
  id: string;
  createdAt: Ticks;
  /** Tokens issued before this instant are revoked. */
  tokensRevokedAt?: Ticks;
}

/** The first answer to a repeatable request, replayed for its repeats. */
export interface RepeatableAnswer {
  requestId: string;
  /** Repeatability-First-Sent, ms since the epoch. */
  firstSentMs: number;
  /** SHA-256 of the body, to tell a repeat from a different request reusing the id. */
  bodyHash: string;
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

/** Serializable form of the whole store. */
export interface StoreSnapshot {
  nextSeq: number;
  rooms: Array<{
    id: string;
    seq: number;
    createdAt: string;
    validFrom: string;
    validUntil: string;
    pstnDialOutEnabled: boolean;
    participants: Array<[string, Role]>;
  }>;
  users: Array<{ id: string; createdAt: string; tokensRevokedAt?: string }>;
  repeatable: RepeatableAnswer[];
}

const ROOM_ID_PREFIX = "99";
const ROOM_ID_LENGTHS = [16, 17];

/** Rooms, users and repeatable answers, with a callback after every change. */
export class Store {
  private rooms = new Map<string, RoomRecord>();
  private users = new Map<string, UserRecord>();
  private repeatable = new Map<string, RepeatableAnswer>();
  private nextSeq = 1;
  /** Earliest instant at which some room may be due for removal. */
  private nextRemovalCheck: Ticks | undefined;

  constructor(private readonly onChange: () => void = () => {}) {}

  // ----- rooms -----

  addRoom(fields: Omit<RoomRecord, "id" | "seq">): RoomRecord {
    const room: RoomRecord = { ...fields, id: this.newRoomId(), seq: this.nextSeq++ };
    this.rooms.set(room.id, room);
    this.noteValidUntil(room.validUntil);
    this.onChange();
    return room;
  }

  getRoom(id: string): RoomRecord | undefined {
    return this.rooms.get(id);
  }

  /** Applies `change` to a stored room and reports the change. */
  changeRoom(room: RoomRecord, change: (room: RoomRecord) => void): RoomRecord {
    change(room);
    this.noteValidUntil(room.validUntil);
    this.onChange();
    return room;
  }

  deleteRoom(id: string): boolean {
    const deleted = this.rooms.delete(id);
    if (deleted) {
      this.onChange();
    }
    return deleted;
  }

  /** Up to `limit` rooms in creation order, starting at creation position `fromSeq`. */
  roomsFrom(fromSeq: number, limit: number): { page: RoomRecord[]; nextSeq?: number } {
    const page: RoomRecord[] = [];
    for (const room of this.rooms.values()) {
      if (room.seq < fromSeq) {
        continue;
      }
      if (page.length === limit) {
        return { page, nextSeq: room.seq };
      }
      page.push(room);
    }
    return { page };
  }

  roomCount(): number {
    return this.rooms.size;
  }

  /** Removes rooms whose `validUntil` plus `graceTicks` has passed; cheap when none is due. */
  removeExpiredRooms(now: Ticks, graceTicks: Ticks): void {
    if (this.nextRemovalCheck === undefined || now < this.nextRemovalCheck + graceTicks) {
      return;
    }
    let earliest: Ticks | undefined;
    let removed = false;
    for (const room of this.rooms.values()) {
      if (room.validUntil + graceTicks <= now) {
        this.rooms.delete(room.id);
        removed = true;
      } else if (earliest === undefined || room.validUntil < earliest) {
        earliest = room.validUntil;
      }
    }
    this.nextRemovalCheck = earliest;
    if (removed) {
      this.onChange();
    }
  }

  // ----- users -----

  addUser(user: UserRecord): UserRecord {
    this.users.set(user.id, user);
    this.onChange();
    return user;
  }

  getUser(id: string): UserRecord | undefined {
    return this.users.get(id);
  }

  deleteUser(id: string): boolean {
    const deleted = this.users.delete(id);
    if (deleted) {
      this.onChange();
    }
    return deleted;
  }

  revokeTokens(user: UserRecord, at: Ticks): void {
    user.tokensRevokedAt = at;
    this.onChange();
  }

  userCount(): number {
    return this.users.size;
  }

  // ----- repeatable answers -----

  getRepeatable(requestId: string): RepeatableAnswer | undefined {
    return this.repeatable.get(requestId);
  }

  putRepeatable(answer: RepeatableAnswer): void {
    this.repeatable.set(answer.requestId, answer);
    this.onChange();
  }

  /**
   * Forgets answers whose First-Sent is older than `oldestMs`: their repeats get 412 anyway.
   * Answers are kept in arrival order, so the scan stops at the first one still young enough.
   */
  forgetRepeatableBefore(oldestMs: number): void {
    for (const [id, answer] of this.repeatable) {
      if (answer.firstSentMs >= oldestMs) {
        return;
      }
      this.repeatable.delete(id);
    }
  }

  repeatableCount(): number {
    return this.repeatable.size;
  }

  // ----- whole store -----

  reset(): void {
    this.rooms.clear();
    this.users.clear();
    this.repeatable.clear();
    this.nextSeq = 1;
    this.nextRemovalCheck = undefined;
    this.onChange();
  }

  snapshot(): StoreSnapshot {
    return {
      nextSeq: this.nextSeq,
      rooms: [...this.rooms.values()].map((room) => ({
        id: room.id,
        seq: room.seq,
        createdAt: room.createdAt.toString(),
        validFrom: room.validFrom.toString(),
        validUntil: room.validUntil.toString(),
        pstnDialOutEnabled: room.pstnDialOutEnabled,
        participants: [...room.participants.entries()],
      })),
      users: [...this.users.values()].map((user) => ({
        id: user.id,
        createdAt: user.createdAt.toString(),
        ...(user.tokensRevokedAt !== undefined
          ? { tokensRevokedAt: user.tokensRevokedAt.toString() }
          : {}),
      })),
      repeatable: [...this.repeatable.values()],
    };
  }

  /** Replaces the content with a snapshot, without reporting a change. */
  restore(snapshot: StoreSnapshot): void {
    this.rooms.clear();
    this.users.clear();
    this.repeatable.clear();
    this.nextRemovalCheck = undefined;
    for (const room of [...snapshot.rooms].sort((a, b) => a.seq - b.seq)) {
      const record: RoomRecord = {
        id: room.id,
        seq: room.seq,
        createdAt: BigInt(room.createdAt),
        validFrom: BigInt(room.validFrom),
        validUntil: BigInt(room.validUntil),
        pstnDialOutEnabled: room.pstnDialOutEnabled,
        participants: new Map(room.participants),
      };
      this.rooms.set(record.id, record);
      this.noteValidUntil(record.validUntil);
    }
    for (const user of snapshot.users) {
      this.users.set(user.id, {
        id: user.id,
        createdAt: BigInt(user.createdAt),
        ...(user.tokensRevokedAt !== undefined
          ? { tokensRevokedAt: BigInt(user.tokensRevokedAt) }
          : {}),
      });
    }
    for (const answer of snapshot.repeatable) {
      this.repeatable.set(answer.requestId, answer);
    }
    this.nextSeq = snapshot.nextSeq;
  }

  private noteValidUntil(validUntil: Ticks): void {
    if (this.nextRemovalCheck === undefined || validUntil < this.nextRemovalCheck) {
      this.nextRemovalCheck = validUntil;
    }
  }

  /** Room ids look like the service's: numeric, 16 or 17 digits, starting with 99. */
  private newRoomId(): string {
    for (;;) {
      const random = randomBytes(8).readBigUInt64BE();
      const length = ROOM_ID_LENGTHS[Number(random % 2n)];
      const digits = ((random >> 1n) % 10n ** 15n).toString().padStart(15, "0");
      const id = (ROOM_ID_PREFIX + digits).slice(0, length);
      if (!this.rooms.has(id)) {
        return id;
      }
    }
  }
}
