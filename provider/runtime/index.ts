/**
 * The providers' implementation, loaded by name (`pulumi-acs-rooms/runtime`) inside the dynamic
 * provider process each time a serialized provider method runs. Nothing here is serialized into
 * state, so it can change freely between versions as long as it reads the state older versions
 * wrote.
 */
export { configure } from "./config";
export { participantSet } from "./participant-set";
export { room } from "./room";
export { user } from "./user";
