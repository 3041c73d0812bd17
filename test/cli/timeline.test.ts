import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { progress } from '../../cli/output.js'
import { fitColumns, formatTimeline, TIME_WIDTH, tableTime } from '../../cli/timeline.js'
import type { Shipment } from '../../src/model/index.js'

const expected = (path: string) =>
  (JSON.parse(readFileSync(`fixtures/${path}.expected.json`, 'utf8')) as { shipments: Shipment[] }).shipments

describe('one time format per table (regression: four formats mixed in one timeline)', () => {
  it('prints every instant as local date, time and offset, in one width', () => {
    const samples = [
      tableTime('2024-03-26T02:30:00-04:00'),
      tableTime('2024-03-26T17:02:00.250+05:30'),
      tableTime('2026-03-03T06:12:00Z'),
      tableTime('2026-03-03T06:12:00+0100'),
      tableTime('2026-03-03T18:20:00'),
      tableTime('2024-03-28T00:00:00-06:00', 'day'),
      tableTime('2024-03-28'),
    ]
    expect(samples).toEqual([
      '2024-03-26 02:30 -04:00',
      '2024-03-26 17:02 +05:30',
      '2026-03-03 06:12 +00:00',
      '2026-03-03 06:12 +01:00',
      '2026-03-03 18:20 local ',
      '2024-03-28 --:-- -06:00',
      '2024-03-28 --:-- local ',
    ])
    for (const s of samples) expect(s).toHaveLength(TIME_WIDTH)
  })

  it('keeps a value it cannot read, as is', () => {
    expect(tableTime('sometime tuesday').trimEnd()).toBe('sometime tuesday')
  })
})

describe('columns fitted to their content and to the terminal', () => {
  it('aligns every column and cuts only the last, only when a width is given', () => {
    const rows = [
      ['a', 'in_transit', 'Atlanta, GA, US', 'Pickup Scan'],
      ['bbbb', 'delivered', 'Louisville, KY, US', 'Delivered to the front door, signed by the neighbour'],
    ]
    const lines = fitColumns(rows)
    expect(lines[0]).toBe('a     in_transit  Atlanta, GA, US     Pickup Scan')
    expect(lines[1]!.indexOf('delivered')).toBe(lines[0]!.indexOf('in_transit'))
    const narrow = fitColumns(rows, 50)
    expect(narrow[1]).toHaveLength(50)
    expect(narrow[1]!.endsWith('…')).toBe(true)
    expect(narrow[0]).toBe(lines[0]) // short lines stay whole
  })

  it("a carrier's timeline with three zones and an unknown one lines up (UPS, AfterShip fixtures)", () => {
    for (const shipment of [
      ...expected('ups/in-transit-several-scans'),
      ...expected('aftership/no-offset-default-zone'),
    ]) {
      const [, ...rows] = formatTimeline(shipment).split('\n')
      expect(rows.length).toBe(shipment.events.length)
      const statusAt = rows.map((r) => r.indexOf(shipment.events[0]!.status, 2))
      expect(new Set(statusAt).size).toBe(1)
      expect(statusAt[0]).toBe(2 + TIME_WIDTH + 2)
      for (const row of formatTimeline(shipment, 60).split('\n').slice(1))
        expect(row.length).toBeLessThanOrEqual(60)
    }
  })
})

describe('progress on stderr, cleared before results (regression: bars left under the output)', () => {
  function terminal() {
    const writes: string[] = []
    const stream = { isTTY: true, columns: 80, write: (s: string) => writes.push(s) > 0 }
    return { stream: stream as unknown as NodeJS.WriteStream, writes }
  }

  it('erases the bar before a result and once at the end, not when nothing is drawn', () => {
    const { stream, writes } = terminal()
    const bar = progress(3, stream)
    bar.clear() // nothing drawn yet
    expect(writes).toEqual([])
    bar.tick('one')
    expect(writes.at(-1)).toMatch(/^\r\x1b\[2K .* 1\/3 one$/)
    bar.clear()
    expect(writes.at(-1)).toBe('\r\x1b[2K')
    bar.clear()
    bar.done()
    expect(writes).toHaveLength(2)
    bar.tick('two')
    bar.done()
    expect(writes.at(-1)).toBe('\r\x1b[2K')
  })

  it('draws nothing when stderr is not a terminal', () => {
    const writes: string[] = []
    const piped = { isTTY: false, write: (s: string) => writes.push(s) > 0 } as unknown as NodeJS.WriteStream
    const bar = progress(5, piped)
    bar.tick('x')
    bar.clear()
    bar.done()
    expect(writes).toEqual([])
  })
})
