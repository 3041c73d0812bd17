/**
 * How the CLI prints a shipment's timeline: one time format for every row (`2024-03-26 02:30 -04:00`, the local
 * time at the place with its offset; `local` where the zone is unknown, `--:--` where only the day is known), and
 * columns sized to their content, the last one cut to the terminal's width on a terminal only.
 */
import { carrierDisplayName } from '../src/identifiers/index.js'
import type { Shipment } from '../src/model/core.js'

const TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/

/** Width of every formatted time: `YYYY-MM-DD HH:MM ±HH:MM`. */
export const TIME_WIDTH = 23

/**
 * An instant as the table shows it. A value it cannot read is returned as is (padded), never dropped.
 * @example tableTime('2024-03-26T02:30:00-04:00') // '2024-03-26 02:30 -04:00'
 * @example tableTime('2026-03-03T18:20:00') // '2026-03-03 18:20 local '
 * @example tableTime('2024-03-28T00:00:00-06:00', 'day') // '2024-03-28 --:-- -06:00'
 */
export function tableTime(value: string, precision?: string): string {
  const match = TIME.exec(value)
  if (!match) return value.padEnd(TIME_WIDTH)
  const [, date, clock, offset] = match
  const time = precision === 'day' || !clock ? '--:--' : clock
  const zone =
    offset === undefined
      ? 'local '
      : offset === 'Z'
        ? '+00:00'
        : offset.includes(':')
          ? offset
          : `${offset.slice(0, 3)}:${offset.slice(3)}`
  return `${date} ${time} ${zone}`
}

/**
 * Rows of cells as aligned lines: every column as wide as its widest cell, two spaces between columns, and with a
 * `width` (a terminal's columns) the last column cut with `…` so that no line wraps. `styles` (colours) are applied
 * per column after the measuring, so escape codes never count as width.
 * @example fitColumns([['a', 'bb'], ['ccc', 'd']]) // ['a    bb', 'ccc  d']
 */
export function fitColumns(
  rows: readonly (readonly string[])[],
  width?: number,
  indent = '',
  styles: readonly (((cell: string) => string) | undefined)[] = [],
): string[] {
  const count = Math.max(0, ...rows.map((r) => r.length))
  const widths = Array.from({ length: count }, (_, i) => Math.max(0, ...rows.map((r) => (r[i] ?? '').length)))
  return rows.map((row) => {
    const cells = row.map((cell, i) => (i < row.length - 1 ? cell.padEnd(widths[i]!) : cell))
    const last = cells.length - 1
    const plain = `${indent}${cells.join('  ')}`.trimEnd()
    if (width !== undefined && width > 0 && plain.length > width && last >= 0) {
      const room = width - (plain.length - cells[last]!.length) - 1
      cells[last] = room > 0 ? `${cells[last]!.slice(0, room)}…` : '…'
    }
    const styled = cells.map((cell, i) => (styles[i] && cell.trim() ? styles[i](cell) : cell))
    return `${indent}${styled.join('  ')}`.trimEnd()
  })
}

/** A shipment's header line and its events as a table (`width`: the terminal's columns, none when piped). */
export function formatTimeline(shipment: Shipment, width?: number): string {
  const estimate = shipment.estimatedDelivery
  const expected = estimate?.to ?? estimate?.from
  const header = `${carrierDisplayName(shipment.carrier)} ${shipment.trackingNumber}: ${shipment.status} (${shipment.milestone})${
    expected ? `, expected ${tableTime(expected, estimate?.precision).trimEnd()}` : ''
  }`
  const rows = shipment.events.map((e) => [
    tableTime(e.occurredAt, e.precision),
    e.status,
    [e.location?.city, e.location?.region, e.location?.countryCode].filter(Boolean).join(', '),
    e.description ?? '',
  ])
  return [header, ...fitColumns(rows, width, '  ')].join('\n')
}

/** The width to fit tables to: the terminal's columns when stdout is one, none otherwise (pipes get full lines). */
export function terminalWidth(stream: NodeJS.WriteStream = process.stdout): number | undefined {
  return stream.isTTY ? stream.columns : undefined
}
