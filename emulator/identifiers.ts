// Communication identifiers as raw ids. Rooms take only ACS users; the Identity service mints them
// as `8:acs:<resource-guid>_<guid>` with exactly one underscore (two would read as a Teams
// extension user in @azure/communication-common).
import { randomUUID } from "node:crypto";

const GUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
const ACS_USER = new RegExp(`^8:acs:(${GUID})_([0-9A-Za-z-]+)$`);
const GUID_ONLY = new RegExp(`^${GUID}$`);

export const ACS_USER_PREFIX = "8:acs:";

/** True for a raw id of an ACS user of any resource. */
export function isAcsUserId(rawId: string): boolean {
  return ACS_USER.test(rawId);
}

/** The resource guid of an ACS user raw id, or undefined when it is not one. */
export function resourceOfUser(rawId: string): string | undefined {
  return ACS_USER.exec(rawId)?.[1]?.toLowerCase();
}

/** True for a GUID in its usual 8-4-4-4-12 form. */
export function isGuid(text: string): boolean {
  return GUID_ONLY.test(text);
}

/** A new user id of the given resource. */
export function newUserId(resourceId: string): string {
  return `${ACS_USER_PREFIX}${resourceId}_${randomUUID()}`;
}
