import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';

/**
 * Where the gateway may POST a unit's events. The gateway sits inside the
 * district's network, so an address a liaison types could otherwise make it
 * call its own loopback services, the database or the cloud metadata
 * endpoint, and the attempt log would tell which ports are open.
 */
export type WebhookAddressProblem =
  | 'malformed'
  | 'scheme'
  | 'credentials'
  | 'host-not-allowed';

const PROBLEM_TEXT: Record<WebhookAddressProblem, string> = {
  malformed: 'the webhook url cannot be parsed',
  scheme: 'the webhook url must be http or https',
  credentials: 'the webhook url must not carry a username or password',
  'host-not-allowed':
    'the webhook url points to a loopback, private, link-local or unspecified address',
};

export function describeProblem(problem: WebhookAddressProblem): string {
  return PROBLEM_TEXT[problem];
}

/** What is wrong with a webhook url by its text alone, or null. */
export function checkWebhookUrl(
  raw: string,
  allowPrivate: boolean,
): WebhookAddressProblem | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'malformed';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'scheme';
  if (url.username !== '' || url.password !== '') return 'credentials';
  if (url.hostname === '') return 'malformed';
  if (!allowPrivate && isForbiddenHost(url.hostname)) return 'host-not-allowed';
  return null;
}

/** A host name or literal address the gateway must not call. */
export function isForbiddenHost(hostname: string): boolean {
  const host = bare(hostname);
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  return isIP(host) !== 0 && isForbiddenAddress(host);
}

/**
 * Loopback, private, link-local, unspecified (and the other ranges that
 * never name a unit's public system: CGNAT, multicast, broadcast).
 */
export function isForbiddenAddress(address: string): boolean {
  const ip = bare(address);
  const family = isIP(ip);
  if (family === 4) return isForbiddenV4(ipv4Octets(ip));
  if (family === 6) return isForbiddenV6(ip);
  // Not an address at all: refuse rather than guess.
  return true;
}

function isForbiddenV4([a, b]: number[]): boolean {
  return (
    a === 0 || // 0.0.0.0/8, "this network", unspecified
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) || // 100.64/10, carrier-grade NAT
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    a >= 224 // multicast, reserved, broadcast
  );
}

function isForbiddenV6(ip: string): boolean {
  const words = ipv6Words(ip);
  if (words === null) return true;
  if (words.every((w) => w === 0)) return true; // ::
  if (words.slice(0, 7).every((w) => w === 0) && words[7] === 1) return true; // ::1
  // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d) addresses
  // reach the IPv4 host, so they are judged as that host.
  const mapped = words.slice(0, 5).every((w) => w === 0);
  if (mapped && (words[5] === 0xffff || words[5] === 0)) {
    return isForbiddenV4([
      words[6] >> 8,
      words[6] & 0xff,
      words[7] >> 8,
      words[7] & 0xff,
    ]);
  }
  const first = words[0];
  return (
    (first & 0xfe00) === 0xfc00 || // fc00::/7, unique local
    (first & 0xffc0) === 0xfe80 || // fe80::/10, link-local
    (first & 0xffc0) === 0xfec0 || // fec0::/10, old site-local
    (first & 0xff00) === 0xff00 // multicast
  );
}

function bare(hostname: string): string {
  let host = hostname.toLowerCase();
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  // "localhost." is localhost: the root label changes nothing.
  while (host.endsWith('.')) host = host.slice(0, -1);
  const zone = host.indexOf('%');
  return zone >= 0 ? host.slice(0, zone) : host;
}

function ipv4Octets(ip: string): number[] {
  return ip.split('.').map(Number);
}

function ipv6Words(ip: string): number[] | null {
  let text = ip;
  const lastColon = text.lastIndexOf(':');
  const last = text.slice(lastColon + 1);
  if (last.includes('.')) {
    // An embedded IPv4 tail (::ffff:127.0.0.1) is two 16-bit words.
    const [a, b, c, d] = ipv4Octets(last);
    const hex = (n: number) => n.toString(16);
    text = `${text.slice(0, lastColon + 1)}${hex((a << 8) | b)}:${hex((c << 8) | d)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const parse = (part: string) =>
    part === '' ? [] : part.split(':').map((w) => parseInt(w, 16));
  const head = parse(halves[0]);
  const rest = halves.length === 2 ? parse(halves[1]) : [];
  const fill = 8 - head.length - rest.length;
  if (fill < 0 || (halves.length === 1 && fill !== 0)) return null;
  const words = [...head, ...new Array<number>(fill).fill(0), ...rest];
  return words.some((w) => Number.isNaN(w)) ? null : words;
}

export type Lookup = (
  hostname: string,
) => Promise<{ address: string; family: number }[]>;

export const systemLookup: Lookup = (hostname) =>
  dnsLookup(hostname, { all: true, verbatim: true });

/**
 * Checks a url, then every address its host resolves to now; null when the
 * gateway may call it.
 *
 * LIMITATION: the address is resolved here and again by the HTTP client when
 * it connects, so a name whose DNS answer changes between the two (DNS
 * rebinding, with a very short TTL) can still reach a forbidden address
 * once. Closing it means connecting to the address checked here; the
 * literal-address and credentials checks, made at registration and again
 * before each attempt, are not affected.
 */
export async function checkDeliveryTarget(
  raw: string,
  allowPrivate: boolean,
  lookup: Lookup = systemLookup,
): Promise<{ problem: WebhookAddressProblem; detail: string } | null> {
  const problem = checkWebhookUrl(raw, allowPrivate);
  if (problem) return { problem, detail: describeProblem(problem) };
  if (allowPrivate) return null;

  const host = bare(new URL(raw).hostname);
  if (isIP(host) !== 0) return null;
  const addresses = await lookup(host);
  const forbidden = addresses.find((a) => isForbiddenAddress(a.address));
  if (forbidden) {
    return {
      problem: 'host-not-allowed',
      detail: `the webhook host resolves to ${forbidden.address}, a loopback, private, link-local or unspecified address`,
    };
  }
  return null;
}
