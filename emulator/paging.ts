// Paging of the list operations: a page of at most `pageSize` items and, when more remain, an
// absolute `nextLink` that already carries the api-version, which the SDKs follow verbatim.
import { invalidContinuationToken } from "./errors";

/** The query parameter that carries the position of the next page. */
export const PAGE_TOKEN_PARAMETER = "skipToken";

/** A page as the list operations answer it. */
export interface Page<T> {
  value: T[];
  nextLink?: string;
}

/**
 * Reads the position a `nextLink` carries; 0 for the first page. The token holds only digits, so
 * it reads the same after any client's URL encoding and signing.
 */
export function readPageToken(token: string | undefined): number {
  if (token === undefined) {
    return 0;
  }
  if (!/^\d{1,15}$/.test(token)) {
    throw invalidContinuationToken();
  }
  return Number(token);
}

/** The absolute link to the page that starts at `position`. */
export function nextLink(
  origin: string,
  path: string,
  apiVersion: string,
  position: number,
): string {
  const query = new URLSearchParams({
    "api-version": apiVersion,
    [PAGE_TOKEN_PARAMETER]: String(position),
  });
  return `${origin}${path}?${query.toString()}`;
}
