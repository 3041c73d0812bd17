/** Shared CLI output helpers: JSON lines for machines, errors on stderr, a progress bar only on a TTY. */
import { isWaybillError } from '../src/errors/index.js'

/** Prints an error on stderr (never a stack for expected errors) and returns the exit code to use. */
export function reportError(error: unknown): number {
  if (isWaybillError(error)) {
    process.stderr.write(`waybill: ${error.code}: ${error.message}\n`)
  } else if (error instanceof Error) {
    process.stderr.write(`waybill: ${error.message}\n`)
  } else {
    process.stderr.write(`waybill: ${String(error)}\n`)
  }
  return 1
}

/**
 * Whether to colour text written to `stream`: only on a terminal, never with `NO_COLOR` set to anything
 * (no-color.org) or `--no-color` on the command line, always with `FORCE_COLOR` set (other than `0`).
 */
export function useColor(
  stream: NodeJS.WriteStream = process.stdout,
  env: NodeJS.ProcessEnv = process.env,
  argv: readonly string[] = process.argv,
): boolean {
  if (argv.includes('--no-color') || (env.NO_COLOR !== undefined && env.NO_COLOR !== '')) return false
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true
  return stream.isTTY === true
}

/**
 * Ends the process quietly when stdout's reader goes away (`waybill … | head -1`): EPIPE is not an error of the
 * command's, and a stack trace there helps nobody.
 */
export function exitQuietlyOnClosedPipe(stream: NodeJS.WriteStream = process.stdout): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
    throw error
  })
}

/** Writes one JSON value per line on stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`)
}

export interface Progress {
  /** Counts one item done and draws the bar (again). */
  tick(label?: string): void
  /** Erases the bar's line, so that a result written next starts on a clean line; the next tick redraws it. */
  clear(): void
  /** Erases the bar for good. */
  done(): void
}

const NO_PROGRESS: Progress = { tick() {}, clear() {}, done() {} }
const ERASE_LINE = '\r\x1b[2K'

/**
 * A one-line progress bar on stderr, drawn only when stderr is a TTY (none when piped or in CI).
 * @example const bar = progress(files.length); for (const f of files) { await work(f); bar.tick(f) } bar.done()
 */
export function progress(total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY || total < 2) return NO_PROGRESS
  let count = 0
  let drawn = false
  const width = 24
  const clear = () => {
    if (drawn) stream.write(ERASE_LINE)
    drawn = false
  }
  return {
    tick(label = '') {
      count = Math.min(count + 1, total)
      const filled = Math.round((count / total) * width)
      const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`
      const text = ` ${bar} ${count}/${total} ${label}`.slice(0, (stream.columns ?? 80) - 1)
      stream.write(`${ERASE_LINE}${text}`)
      drawn = true
    },
    clear,
    done: clear,
  }
}

/**
 * A running count on stderr for work whose size is not known up front (an SFTP folder), drawn only on a TTY.
 * @example const counter = activity('files'); counter.tick('a.edi'); counter.done()
 */
export function activity(unit: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return NO_PROGRESS
  let count = 0
  let drawn = false
  const clear = () => {
    if (drawn) stream.write(ERASE_LINE)
    drawn = false
  }
  return {
    tick(label = '') {
      count++
      stream.write(`${ERASE_LINE}… ${count} ${unit} ${label}`.slice(0, (stream.columns ?? 80) - 1))
      drawn = true
    },
    clear,
    done: clear,
  }
}
