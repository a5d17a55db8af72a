import { readFileSync } from 'node:fs';

/**
 * The local addresses of the listening TCP sockets on `port`, read from /proc/net/tcp and tcp6
 * (Linux), so a test can check that a server listens on loopback only without sending any
 * traffic to another interface.
 */
export function listeningAddresses(port: number): string[] {
  const addresses: string[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let table: string;
    try {
      table = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of table.trim().split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (!local || state !== '0A') continue;
      const [hexAddress = '', hexPort = ''] = local.split(':');
      if (Number.parseInt(hexPort, 16) === port) addresses.push(decodeAddress(hexAddress));
    }
  }
  return addresses;
}

function decodeAddress(hex: string): string {
  if (hex.length === 8) {
    // IPv4 in /proc is little-endian: 0100007F is 127.0.0.1.
    return [6, 4, 2, 0].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)).join('.');
  }
  if (hex === '00000000000000000000000001000000') return '::1';
  if (/^0+$/.test(hex)) return '::';
  if (hex.startsWith('0000000000000000FFFF0000')) return `::ffff:${decodeAddress(hex.slice(24))}`;
  return hex;
}
