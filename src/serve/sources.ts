/**
 * The long-running sources of a served instance: one poller for every poll job (the shared PostgreSQL schedule when
 * the store is PostgreSQL, so instances split the work), one watcher per SFTP drop folder, and the timer that
 * raises time-based alerts. Each hands what it reads to the tracker; `stop()` lets the poll or file in progress
 * finish, then returns.
 */
import type { Adapter } from '../adapter/index.js'
import { ConfigError } from '../errors/index.js'
import type { Poller } from '../polling/index.js'
import { createPoller, createSharedPoller, type PollerOptions, type SharedPoller } from '../polling/index.js'
import { type PollResult, sftpSource } from '../sftp/index.js'
import type { Store } from '../store/index.js'
import type { Tracker } from '../tracker/index.js'
import type { PollJob, ServeConfig } from './config.js'

/** Something the server reports to (errors of background work; never secrets). */
export type ErrorReporter = (error: unknown, where: string) => void

/** What the readiness check and the tests see of the sources. */
export interface SourcesStatus {
  started: boolean
  pollJobs: number
  /** This instance's poller: carrier calls made, shipment polls done, failed polls. */
  poll: { requests: number; polls: number; errors: number }
  sftp: Record<string, { polls: number; files: number; lastError?: string }>
  timers: { runs: number; alerts: number }
}

export interface RunningSources {
  status(): SourcesStatus
  /** The poller (undefined without poll jobs). */
  readonly poller: Poller | SharedPoller | undefined
  /** Stops every source, letting the poll, file and timer run in progress finish. */
  stop(): Promise<void>
}

export interface SourcesOptions {
  config: ServeConfig
  tracker: Tracker
  store: Store
  /** Set when the store is PostgreSQL: the poll schedule is shared there. */
  sharedPoll?: { connectionString: string; table?: string }
  onError: ErrorReporter
}

function adapterOf(config: ServeConfig, ref: string | Adapter): Adapter {
  if (typeof ref !== 'string') return ref
  const found = config.adapters.find((a) => a.id === ref)
  if (!found) throw new ConfigError(`no adapter with id "${ref}"`)
  return found
}

/** Every number a job's query gives, as an array. */
async function queried(job: PollJob): Promise<string[]> {
  const out: string[] = []
  const answer = await job.query!()
  for await (const number of answer as AsyncIterable<string> | Iterable<string>) out.push(number)
  return out
}

/** Builds the poller of the configured jobs (not started). */
function buildPoller(options: SourcesOptions): Poller | SharedPoller | undefined {
  const { config, tracker, store } = options
  const jobs = config.poll?.jobs ?? []
  if (jobs.length === 0) return undefined
  const adapters = [
    ...new Map(
      jobs.map((job) => [adapterOf(config, job.adapter).id, adapterOf(config, job.adapter)]),
    ).values(),
  ]
  const limits: NonNullable<PollerOptions['limits']> = {}
  for (const job of jobs) if (job.limits) limits[adapterOf(config, job.adapter).id] = job.limits
  const common = {
    adapters,
    sink: tracker,
    limits,
    ...(config.poll?.intervals ? { intervals: config.poll.intervals } : {}),
    ...(config.poll?.concurrency ? { concurrency: config.poll.concurrency } : {}),
    onChange: (change: { type: string; error?: Error; carrier: string }) => {
      if (change.type === 'error') options.onError(change.error, `poll ${change.carrier}`)
    },
  }
  if (options.sharedPoll)
    return createSharedPoller({
      ...common,
      ...(config.poll?.leaseMs ? { leaseMs: config.poll.leaseMs } : {}),
      postgres: {
        connectionString: options.sharedPoll.connectionString,
        ...(options.sharedPoll.table ? { table: options.sharedPoll.table } : {}),
      },
    })
  return createPoller({ ...common, store, namespace: 'serve:poller' })
}

/** Starts the sources of a configuration. */
export async function startSources(options: SourcesOptions): Promise<RunningSources> {
  const { config, tracker, store } = options
  const stop = new AbortController()
  const running: Promise<unknown>[] = []
  const status: SourcesStatus = {
    started: false,
    pollJobs: config.poll?.jobs.length ?? 0,
    poll: { requests: 0, polls: 0, errors: 0 },
    sftp: {},
    timers: { runs: 0, alerts: 0 },
  }
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer)
        stop.signal.removeEventListener('abort', wake)
        resolve()
      }
      const timer = setTimeout(wake, ms)
      stop.signal.addEventListener('abort', wake, { once: true })
    })

  // Polling: the fixed numbers first, then each query on its own schedule.
  const poller = buildPoller(options)
  if (poller) {
    for (const job of config.poll!.jobs) {
      const carrier = adapterOf(config, job.adapter).id
      for (const number of job.numbers ?? []) await poller.add(carrier, number)
    }
    await poller.start()
    for (const job of config.poll!.jobs) {
      if (!job.query) continue
      const carrier = adapterOf(config, job.adapter).id
      const refresh = async () => {
        while (!stop.signal.aborted) {
          try {
            for (const number of await queried(job)) await poller.add(carrier, number)
          } catch (error) {
            options.onError(error, `poll query ${carrier}`)
          }
          await sleep(job.refreshEveryMs ?? 300_000)
        }
      }
      running.push(refresh())
    }
  }

  // SFTP drop folders: each watcher polls until stopped; a file in progress finishes first.
  for (const watch of config.sftp ?? []) {
    const { name, ...rest } = watch
    const source = sftpSource({ ...rest, store, sink: tracker })
    const facts: SourcesStatus['sftp'][string] = { polls: 0, files: 0 }
    status.sftp[name] = facts
    const loop = async () => {
      try {
        const results: AsyncIterable<PollResult> = source.watch({
          signal: stop.signal,
          onError: (error) => {
            facts.lastError = (error as Error).message
            options.onError(error, `sftp ${name}`)
          },
        })
        for await (const result of results) {
          facts.polls++
          facts.files += result.files.length
          if (result.connectionError) facts.lastError = result.connectionError.message
          else delete facts.lastError
        }
      } catch (error) {
        facts.lastError = (error as Error).message
        options.onError(error, `sftp ${name}`)
      }
    }
    running.push(loop())
  }

  // Time-based alerts (late, stalled), one instance at a time (the tracker's lease).
  if (config.timers !== false) {
    const everyMs = config.timers?.everyMs ?? 300_000
    const timers = async () => {
      while (!stop.signal.aborted) {
        await sleep(everyMs)
        if (stop.signal.aborted) return
        try {
          status.timers.alerts += (await tracker.checkTimers()).length
          status.timers.runs++
        } catch (error) {
          options.onError(error, 'timers')
        }
      }
    }
    running.push(timers())
  }
  status.started = true

  return {
    poller,
    status: () => {
      const copy = structuredClone(status)
      if (poller) {
        const { requests, polls, errors } = poller.stats()
        copy.poll = { requests, polls, errors }
      }
      return copy
    },
    async stop() {
      status.started = false
      stop.abort()
      await Promise.all([poller?.stop(), ...running])
    },
  }
}
