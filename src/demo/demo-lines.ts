/**
 * Made-up but realistic log events for the demo, in the shapes logview reads:
 * kamaki's file log (one logger call per HTTP line), oslo.log text lines with
 * tracebacks, and JSON lines as pino writes them.
 */

import { formatLocalTime } from '../render/format-time.js';

export type Rng = () => number;

/** Small seeded PRNG (mulberry32), so a demo run can be replayed. */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const hex = (r: Rng, n: number): string => Array.from({ length: n }, () => Math.floor(r() * 16).toString(16)).join('');

/** Python's asctime: local time, comma before the milliseconds. */
function asctime(ms: number): string {
  return formatLocalTime(ms).replace('.', ',');
}

/** oslo.log's default time: dot before the milliseconds. */
const osloTime = formatLocalTime;

function kamakiLine(name: string, level: string, ms: number, message: string): string {
  return `${name}(${level}) ${asctime(ms)}\n  ${message}\n`;
}

const ENDPOINTS = [
  ['GET', 'https://cyclades.example.org/compute/v2.0/servers/detail'],
  ['GET', 'https://cyclades.example.org/compute/v2.0/flavors'],
  ['POST', 'https://cyclades.example.org/compute/v2.0/servers'],
  ['DELETE', 'https://cyclades.example.org/compute/v2.0/servers/4211'],
  ['GET', 'https://pithos.example.org/object-store/v1/user@example.org/pithos?format=json'],
  ['PUT', 'https://pithos.example.org/object-store/v1/user@example.org/pithos/backup.tar.gz'],
] as const;

/** A kamaki HTTP request and its response, one logger call per line; `end` is the last line's time. */
function kamakiHttp(r: Rng, t: number): DemoEvent {
  const [method, url] = pick(r, ENDPOINTS);
  const base = url.split('/').slice(0, 3).join('/');
  let out = kamakiLine('kamaki.clients.send', 'DEBUGV', t, '') + `\nCMT ${method}@${base}\n`;
  t += 3;
  out += kamakiLine('kamaki.clients.send', 'DEBUGV', t, `${method} ${url}`);
  out += kamakiLine('kamaki.clients.send', 'DEBUGV', t, '  X-Auth-Token: ...');
  const size = method === 'POST' || method === 'PUT' ? 60 + Math.floor(r() * 900) : 0;
  if (size > 0) out += kamakiLine('kamaki.clients.send', 'DEBUGV', t, '  Content-Type: application/json');
  out += kamakiLine('kamaki.clients.send', 'DEBUGV', t, `data size: ${size}`);
  out += kamakiLine('kamaki.clients.send', 'DEBUGV', t, '');
  t += 40 + Math.floor(r() * 400);
  const status = pick(r, [200, 200, 200, 201, 202, 204, 404, 413, 503]);
  const reason: Record<number, string> = { 200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content', 404: 'Not Found', 413: 'Request Entity Too Large', 503: 'Service Unavailable' };
  out += kamakiLine('kamaki.clients.recv', 'DEBUGV', t, `${status} ${reason[status]}`);
  out += kamakiLine('kamaki.clients.recv', 'DEBUGV', t, '  content-type: application/json; charset=UTF-8');
  out += kamakiLine('kamaki.clients.recv', 'DEBUGV', t, `  x-request-id: req-${hex(r, 8)}`);
  const body = status < 300 ? `{"servers": [{"id": ${4200 + Math.floor(r() * 99)}, "name": "vm-${hex(r, 4)}", "status": "ACTIVE"}]}` : `{"error": {"code": ${status}, "message": "${reason[status]}"}}`;
  out += kamakiLine('kamaki.clients.recv', 'DEBUGV', t, `data size: ${body.length}`);
  out += kamakiLine('kamaki.clients.recv', 'DEBUGV', t, body);
  if (status >= 400) out += kamakiLine('kamaki.cli', 'ERROR', ++t, `(${status}) ${reason[status]}: request failed`);
  return { text: out, end: t };
}

const OSLO_LOGGERS = ['nova.compute.manager', 'nova.scheduler.filter_scheduler', 'nova.api.openstack.wsgi', 'nova.virt.libvirt.driver', 'oslo_messaging._drivers.amqpdriver', 'keystonemiddleware.auth_token'];
const OSLO_MESSAGES: ReadonlyArray<readonly [string, string]> = [
  ['INFO', 'Took 1.{n} seconds to build instance.'],
  ['DEBUG', 'Lock "compute_resources" acquired by "nova.compute.resource_tracker.ResourceTracker.instance_claim" :: waited 0.000s'],
  ['INFO', '10.0.0.{n} "GET /v2.1/servers/detail HTTP/1.1" status: 200 len: 1893 time: 0.2{n}'],
  ['WARNING', 'Timeout waiting for [\'network-vif-plugged\'] for instance with vm_state building'],
  ['DEBUG', 'Received RPC message: {"method": "build_and_run_instance", "args": {"node": "compute-0{n}"}}'],
  ['INFO', 'Filtered [(compute-0{n}, compute-0{n})] hosts'],
];

function osloLine(r: Rng, t: number, pid: number): string {
  const name = pick(r, OSLO_LOGGERS);
  const [level, msg] = pick(r, OSLO_MESSAGES);
  const text = msg.replace(/\{n\}/g, () => String(Math.floor(r() * 9) + 1));
  return `${osloTime(t)} ${pid} ${level} ${name} ${osloContext(r)} ${text}\n`;
}

/** oslo's context: `[request_id user project domain user_domain project_domain]`, or `[-]` without one. */
function osloContext(r: Rng): string {
  if (r() >= 0.6) return '[-]';
  const uuid = `${hex(r, 8)}-${hex(r, 4)}-4${hex(r, 3)}-${hex(r, 4)}-${hex(r, 12)}`;
  return `[req-${uuid} ${hex(r, 32)} ${hex(r, 32)} - - -]`;
}

/**
 * An oslo.log exception: the message record in the context format, then each
 * traceback line under oslo's exception prefix (time, pid, ERROR, name, instance).
 */
function osloTraceback(r: Rng, t: number, pid: number): string {
  const instance = `[instance: ${hex(r, 8)}-${hex(r, 4)}-4${hex(r, 3)}-${hex(r, 4)}-${hex(r, 12)}]`;
  const head = `${osloTime(t)} ${pid} ERROR nova.compute.manager`;
  const lines = [
    'Traceback (most recent call last):',
    '  File "/usr/lib/python3/dist-packages/nova/compute/manager.py", line 2644, in _build_resources',
    '    yield resources',
    '  File "/usr/lib/python3/dist-packages/nova/virt/libvirt/driver.py", line 4341, in spawn',
    '    self._create_guest_with_network(',
    'libvirt.libvirtError: internal error: process exited while connecting to monitor',
  ];
  const message = `${head} ${osloContext(r)} ${instance} Instance failed to spawn: libvirt.libvirtError: internal error: process exited while connecting to monitor\n`;
  return message + lines.map((l) => `${head} ${instance} ${l}\n`).join('');
}

const PINO_NAMES = ['api', 'api.auth', 'api.db', 'worker', 'worker.queue'];
const PINO_MSGS: ReadonlyArray<readonly [number, string]> = [
  [30, 'request completed'],
  [20, 'cache hit'],
  [30, 'job done'],
  [40, 'slow query'],
  [50, 'upstream timed out'],
  [20, 'token refreshed'],
];

function pinoLine(r: Rng, t: number): string {
  const [level, msg] = pick(r, PINO_MSGS);
  const o: Record<string, unknown> = { level, time: t, pid: 4242, hostname: 'demo', name: pick(r, PINO_NAMES), msg };
  if (msg === 'request completed') {
    o.req = { method: pick(r, ['GET', 'POST']), url: pick(r, ['/v1/items', '/v1/users/7', '/health']) };
    o.responseTime = Math.floor(r() * 200);
  }
  if (msg === 'slow query') o.ms = 500 + Math.floor(r() * 3000);
  return JSON.stringify(o) + '\n';
}

/** Demo lines, and the time of the last of them (epoch ms): the next event comes after it. */
export interface DemoEvent {
  text: string;
  end: number;
}

/** One demo event (one or more lines) starting at time t. */
export function demoEvent(r: Rng, t: number): DemoEvent {
  const x = r();
  if (x < 0.25) return kamakiHttp(r, t);
  const at = (text: string): DemoEvent => ({ text, end: t });
  if (x < 0.3) return at(kamakiLine('kamaki.cli.config', 'DEBUG', t, 'Config file: /home/user/.kamakirc'));
  if (x < 0.33) return at(kamakiLine('kamaki.clients', 'INFO', t, 'Endpoint does not provide API version. Using default compute API version: 2.0'));
  if (x < 0.6) return at(osloLine(r, t, 25746));
  if (x < 0.63) return at(osloTraceback(r, t, 25746));
  return at(pinoLine(r, t));
}
