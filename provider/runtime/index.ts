/**
 * The providers' implementation, loaded by name (`pulumi-acs-rooms/runtime`) inside the dynamic
 * provider process each time a serialized provider method runs. Nothing here is serialized into
 * state, so it can change freely between versions as long as it reads the state older versions
 * wrote.
 */
export { configure } from "./config";
// A short name, because the serialized provider spells it out in every one of its methods and the
// whole serialized text has to stay under 2 KB.
export { participantSet as members } from "./participant-set";
export { room } from "./room";
export { user } from "./user";
