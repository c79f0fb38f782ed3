import { type LookupAddress, lookup as dnsLookup } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/**
 * Addresses a webhook may not reach unless its host is allowed by name
 * (WEBHOOK_ALLOW_HOSTS): the server itself, the private network around it,
 * link-local (the cloud metadata service at 169.254.169.254) and addresses
 * that mean "any" or no one host. Node's BlockList matches IPv4-mapped IPv6
 * (`::ffff:127.0.0.1`) against the IPv4 rules too.
 */
const blocked = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network"; 0.0.0.0 reaches the local host
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and the broadcast address
] as const) {
  blocked.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 96], // unspecified, loopback and the old IPv4-compatible form
  ['64:ff9b::', 96], // NAT64: an IPv4 address behind a translator
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // the former site-local
  ['ff00::', 8], // multicast
] as const) {
  blocked.addSubnet(network, prefix, 'ipv6');
}

/** True for an IP address a webhook must not reach. */
export function isBlockedAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  return blocked.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** The host of a URL as DNS and the allow list know it: lower case, no brackets, no trailing dot. */
export function hostOf(url: URL): string {
  return url.hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
}

export function isAllowedHost(host: string, allowHosts: readonly string[]): boolean {
  return allowHosts.includes(host);
}

/** The host is, or resolves to, an address a webhook may not reach; the message is for the `url` field. */
export class BlockedAddressError extends Error {
  readonly code = 'EWEBHOOKBLOCKED';
}

function refusal(host: string, address: string): BlockedAddressError {
  const shown = host === address ? address : `${host} (${address})`;
  return new BlockedAddressError(
    `must not point at a loopback, private, link-local or unspecified address: ${shown}; list the host in WEBHOOK_ALLOW_HOSTS to allow it`,
  );
}

/** Every address the host resolves to, all of them checked. */
function resolveAll(host: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) => {
    dnsLookup(host, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses)));
  });
}

/**
 * The addresses a delivery to `host` may connect to: the host itself when it
 * is an address, else what DNS answers — every one of them checked, so a name
 * with one public and one private address is refused. An allowed host skips
 * the check (not the lookup). Throws BlockedAddressError, or DNS's own error.
 */
export async function checkedAddresses(host: string, allowHosts: readonly string[]): Promise<LookupAddress[]> {
  const allowed = isAllowedHost(host, allowHosts);
  if (host === 'localhost' || host.endsWith('.localhost')) {
    if (!allowed) throw refusal(host, host);
  }
  const literal = isIP(host);
  const addresses = literal ? [{ address: host, family: literal }] : await resolveAll(host);
  if (addresses.length === 0) throw new Error(`${host} has no address`);
  if (!allowed) {
    const bad = addresses.find((a) => isBlockedAddress(a.address));
    if (bad) throw refusal(host, bad.address);
  }
  return addresses;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http.request that resolves and checks in one step, so the
 * address checked is the address connected to: a name that answered a
 * public address when the webhook was saved and a private one now (DNS
 * rebinding) is refused at delivery time.
 */
export function guardedLookup(allowHosts: readonly string[]) {
  return (hostname: string, options: { all?: boolean }, callback: LookupCallback) => {
    checkedAddresses(hostOf(new URL(`http://${hostname.includes(':') ? `[${hostname}]` : hostname}`)), allowHosts).then(
      (addresses) => (options.all ? callback(null, addresses) : callback(null, addresses[0]!.address, addresses[0]!.family)),
      (error: NodeJS.ErrnoException) => callback(error, ''),
    );
  };
}
