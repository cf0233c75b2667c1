// The client's IP for audit records. Express takes it from X-Forwarded-For only when the direct peer is a
// configured proxy (TRUST_PROXY); even then the header is caller-chosen text, so what it names must parse as an
// IP address, or the peer's own address is used.
// Must not break: the result is always a syntactically valid IP (or undefined), never header text.
import { isIP } from 'node:net';
import type { Request } from 'express';

/** `::ffff:10.0.0.1` and `10.0.0.1` are one client: keep the IPv4 form. */
function plain(ip: string): string {
  return ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
}

export function clientIp(req: Request): string | undefined {
  const claimed = req.ip;
  if (claimed && isIP(claimed)) return plain(claimed);
  const peer = req.socket.remoteAddress;
  return peer && isIP(peer) ? plain(peer) : undefined;
}
