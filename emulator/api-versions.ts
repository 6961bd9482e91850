// Which api-versions each service answers, and what each Rooms version can express.
import { apiVersionUnspecified, unsupportedApiVersion } from "./errors";

/** Rooms api-versions served, oldest first. */
export const ROOMS_API_VERSIONS = ["2023-06-14", "2024-04-15", "2025-03-13"] as const;
/** Identity api-versions served. */
export const IDENTITY_API_VERSIONS = ["2023-10-01"] as const;

export type RoomsApiVersion = (typeof ROOMS_API_VERSIONS)[number];
export type ServiceName = "rooms" | "identity";

/** The participant roles, in the order the service introduced them. */
export const ROLES = ["Presenter", "Attendee", "Consumer", "Collaborator"] as const;
export type Role = (typeof ROLES)[number];

/** What one Rooms api-version can express in requests and answers. */
export interface RoomsVersionFeatures {
  /** `pstnDialOutEnabled` exists from 2024-04-15. */
  pstnDialOut: boolean;
  /** Roles a request may give. `Collaborator` exists from 2025-03-13. */
  roles: readonly Role[];
}

export function roomsFeatures(version: RoomsApiVersion): RoomsVersionFeatures {
  return {
    pstnDialOut: version !== "2023-06-14",
    roles: version === "2025-03-13" ? ROLES : ROLES.filter((role) => role !== "Collaborator"),
  };
}

/** The `api-supported-versions` header value the service sends. */
export function supportedVersionsHeader(service: ServiceName): string {
  return (service === "rooms" ? ROOMS_API_VERSIONS : IDENTITY_API_VERSIONS).join(", ");
}

/**
 * Returns the request's api-version, or throws the service's answer for a missing or unsupported
 * one. `resourceUrl` is the request URL without its query, which the service quotes back.
 */
export function requireApiVersion(
  service: ServiceName,
  value: string | undefined,
  resourceUrl: string,
): string {
  if (value === undefined || value === "") {
    throw apiVersionUnspecified();
  }
  const served: readonly string[] =
    service === "rooms" ? ROOMS_API_VERSIONS : IDENTITY_API_VERSIONS;
  if (!served.includes(value)) {
    throw unsupportedApiVersion(resourceUrl, value);
  }
  return value;
}
