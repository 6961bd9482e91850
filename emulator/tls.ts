// A self-signed certificate for serving HTTPS on this machine, for clients that refuse plain
// HTTP (the Python SDK, and any SDK with a bearer token).
import { generate } from "selfsigned";
import type { TlsMaterial } from "./options";

const VALIDITY_DAYS = 365;
const MS_PER_DAY = 24 * 60 * 60 * 1000;

/** Generates a key and certificate valid for `127.0.0.1`, `::1`, `localhost` and `host`. */
export async function selfSignedCertificate(host: string): Promise<TlsMaterial> {
  const ipHosts = new Set(["127.0.0.1", "::1"]);
  const dnsHosts = new Set(["localhost"]);
  if (/^[\d.]+$/.test(host) || host.includes(":")) {
    ipHosts.add(host);
  } else {
    dnsHosts.add(host);
  }

  const notBeforeDate = new Date(Date.now() - MS_PER_DAY);
  const pems = await generate([{ name: "commonName", value: "ACS Rooms emulator" }], {
    keyType: "ec",
    curve: "P-256",
    algorithm: "sha256",
    notBeforeDate,
    notAfterDate: new Date(notBeforeDate.getTime() + VALIDITY_DAYS * MS_PER_DAY),
    extensions: [
      { name: "basicConstraints", cA: true, critical: true },
      { name: "keyUsage", digitalSignature: true, keyCertSign: true, critical: true },
      { name: "extKeyUsage", serverAuth: true },
      {
        name: "subjectAltName",
        altNames: [
          ...[...ipHosts].map((ip) => ({ type: 7 as const, ip })),
          ...[...dnsHosts].map((value) => ({ type: 2 as const, value })),
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}
