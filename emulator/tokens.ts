// Access tokens for ACS users. They are JWTs with an `exp` claim, which is all the SDKs' token
// credentials read; they are signed with the resource's access key (HS256) rather than the
// service's RSA key, so they are good for tests only.
import { createHmac, randomUUID } from "node:crypto";

/** Scopes a token may carry. */
export const TOKEN_SCOPES = ["chat", "voip", "chat.join", "chat.join.limited", "voip.join"];

/** Shortest, longest and default token lifetime in minutes. */
export const TOKEN_MINUTES = { min: 60, max: 1440, default: 1440 };

/** Issues a token for `userId`, valid from `nowMs` until `expiresAtMs`. */
export function issueToken(options: {
  userId: string;
  resourceId: string;
  scopes: string[];
  nowMs: number;
  expiresAtMs: number;
  signingKey: Buffer;
}): string {
  const header = { alg: "HS256", typ: "JWT", kid: "acs-emulator" };
  const issuedAt = Math.floor(options.nowMs / 1000);
  const payload = {
    skypeid: options.userId.replace(/^8:/, ""),
    scp: 1792,
    csi: String(issuedAt),
    iat: issuedAt,
    exp: Math.floor(options.expiresAtMs / 1000),
    jti: randomUUID(),
    acsScope: options.scopes.join(","),
    resourceId: options.resourceId,
  };
  const unsigned = `${encode(header)}.${encode(payload)}`;
  const signature = createHmac("sha256", options.signingKey).update(unsigned).digest("base64url");
  return `${unsigned}.${signature}`;
}

function encode(value: object): string {
  return Buffer.from(JSON.stringify(value), "utf8").toString("base64url");
}
