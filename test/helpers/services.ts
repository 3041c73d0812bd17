/**
 * The servers some tests need (PostgreSQL, Redis), found the same way everywhere: `WAYBILL_PG_URL` /
 * `WAYBILL_REDIS_URL` (defaults: the loopback servers of the development and CI machines). A test file asks
 * `await postgresUrl()` at the top level and uses `describe.skipIf(!url)`; when no server answers, the tests are
 * reported as skipped with the reason, except under `WAYBILL_REQUIRE_SERVICES=1` (set by `.ci/run`), where a
 * missing server fails the run instead.
 */
import { Socket } from 'node:net'

const required = process.env.WAYBILL_REQUIRE_SERVICES === '1'

function answers(url: string, defaultPort: number): Promise<boolean> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve) => {
    const socket = new Socket()
    const done = (ok: boolean) => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(1_000, () => done(false))
    socket.once('error', () => done(false))
    socket.connect(Number(port || defaultPort), hostname.replace(/^\[|\]$/g, ''), () => done(true))
  })
}

async function service(name: string, url: string, defaultPort: number): Promise<string | undefined> {
  if (await answers(url, defaultPort)) return url
  const reason = `${name} at ${new URL(url).host} does not answer`
  if (required) throw new Error(`${reason}, and WAYBILL_REQUIRE_SERVICES=1 requires it`)
  console.warn(`skipped: ${reason} (set ${name === 'PostgreSQL' ? 'WAYBILL_PG_URL' : 'WAYBILL_REDIS_URL'})`)
  return undefined
}

/** The PostgreSQL URL when a server answers, else undefined (or a thrown error when services are required). */
export function postgresUrl(): Promise<string | undefined> {
  return service('PostgreSQL', process.env.WAYBILL_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test', 5432)
}

/** The Redis URL when a server answers, else undefined (or a thrown error when services are required). */
export function redisUrl(): Promise<string | undefined> {
  return service('Redis', process.env.WAYBILL_REDIS_URL ?? 'redis://127.0.0.1:6379', 6379)
}

/** A name unique to this test run, for schemas, tables and key prefixes that must not collide. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6).toString(36)}`
}
