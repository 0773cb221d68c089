/**
 * Where a server's time went, from a V8 CPU profile (`node --cpu-prof`): each sample is charged,
 * leaf upwards, to the first frame whose source names a part of the request path. The profile
 * samples wall time of the main thread, so on a loaded machine a socket write also carries the time
 * the process waited to run again; the bench's CPU per request (from /proc) is the real cost.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const PARTS: Array<[string, RegExp]> = [
  ['boot (module loading, Nest start-up)', /cjs\/loader|modules\/esm|\/main\.js$|api\.module|instance-loader|nest-factory|scanner|injector\//],
  ['token check (JWT HMAC, claims)', /jsonwebtoken|\/jws\/|\/jwa\/|crypto\/hash|crypto\/keys|passport-jwt|access-tokens/],
  ['passport + guard', /\/passport\/|@nestjs\/passport|auth\/src\/guards/],
  ['session version (local map, Redis, PG)', /session-versions|ioredis|redis-parser|auth-redis/],
  ['validation pipe (class-transformer, class-validator)', /class-validator|class-transformer|validation\.pipe|http\/src\/validation|http\/src\/params|\/validator\/lib/],
  ['MikroORM request context (em.fork)', /mikro-orm\.middleware|RequestContext|EntityManager\.js|@mikro-orm\/nestjs|UnitOfWork|IdentityMap|env-vars|Configuration\.js/],
  ['MikroORM execute (query formatting, kysely)', /@mikro-orm|kysely/],
  ['pg client (protocol, socket writes)', /\/pg\/|pg-protocol|pg-pool|pg-types|postgres-array|postgres-date/],
  ['the route (progress service, controller)', /libs\/tasks\/src|libs\/persistence\/src\/prepared/],
  ['request log (pino)', /pino|sonic-boom|http\/src\/logging|observability\/src\/correlation/],
  ['metrics (prom-client)', /prom-client|metrics-endpoint/],
  ['helmet', /\/helmet\//],
  ['body parsing', /body-parser|raw-body|iconv-lite|type-is|content-type|\/bytes\//],
  ['Nest router, pipes, interceptors (rxjs)', /@nestjs\/core|@nestjs\/common|rxjs|@nestjs\/platform-express|reflect-metadata/],
  ['express (routing, response, ETag)', /\/express\/|\/router\/|\/etag\/|finalhandler|\/send\/|on-finished|path-to-regexp|\/fresh\/|\/vary\/|encodeurl|\/qs\/|parseurl|\/depd\/|statuses|mime/],
  ['node http (parse, response writes)', /node:_http|node:internal\/http/],
];

/** Lines: each part's share of the busy (non-idle, non-boot) time and its ms per request. */
export function profileSummary(file: string, requests: number): string[] {
  const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const nodes = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const part = (id: number): string => {
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const { functionName, url } = nodes.get(cur)!.callFrame;
      if (functionName === '(idle)') return 'idle';
      if (functionName === '(garbage collector)') return 'garbage collection';
      if (url) for (const [name, re] of PARTS) if (re.test(url)) return name;
    }
    return 'other (microtasks, timers, native)';
  };
  const spent = new Map<string, number>();
  p.samples.forEach((id, i) => spent.set(part(id), (spent.get(part(id)) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const boot = spent.get(PARTS[0][0]) ?? 0;
  const busy = [...spent.values()].reduce((a, b) => a + b, 0) - (spent.get('idle') ?? 0) - boot;
  const lines = [`busy ${(busy / 1e6).toFixed(1)} s for ${requests.toLocaleString('en')} requests: ${(busy / 1e3 / requests).toFixed(3)} ms each (boot ${(boot / 1e6).toFixed(1)} s left out)`];
  for (const [name, us] of [...spent].sort((a, b) => b[1] - a[1])) {
    if (name === 'idle' || name === PARTS[0][0]) continue;
    lines.push(`${((100 * us) / busy).toFixed(1).padStart(5)}%  ${(us / 1e3 / requests).toFixed(3)} ms/req  ${name}`);
  }
  return lines;
}
