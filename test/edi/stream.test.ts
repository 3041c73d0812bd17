/**
 * parse214Stream's shipment-at-a-time iterator (hand-written, not an async generator: one promise turn per
 * shipment). These tests guard the async-iterator contract it must keep: order, early exit, errors, one pass.
 */
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { parse214, parse214Stream } from '../../src/edi/index.js'
import { ParseError } from '../../src/errors/index.js'
import type { Shipment } from '../../src/model/index.js'
import { type Body, interchange, SIMPLE_BODY } from './build.js'

function body(n: number): Body {
  return SIMPLE_BODY.map((seg) => (seg[0] === 'B10' ? ['B10', `PRO${n}`, `BOL${n}`, 'ABCD'] : seg))
}

/** A file of `sets` shipments, in chunks of `size` bytes. */
function file(sets: number): Buffer {
  return Buffer.from(interchange(Array.from({ length: sets }, (_, i) => ({ body: body(i) }))))
}

function chunks(bytes: Buffer, size: number): Readable {
  const parts: Buffer[] = []
  for (let i = 0; i < bytes.length; i += size) parts.push(bytes.subarray(i, i + size))
  return Readable.from(parts)
}

describe('parse214Stream iteration', () => {
  it('hands out every shipment in order, across batches', async () => {
    const bytes = file(300)
    const streamed: Shipment[] = []
    for await (const shipment of parse214Stream(chunks(bytes, 5000))) streamed.push(shipment)
    expect(streamed).toEqual(parse214(bytes).shipments)
  })

  it('serves overlapping next() calls in call order (regression: requests racing for a batch)', async () => {
    const bytes = file(40)
    const iterator = parse214Stream(chunks(bytes, 333))[Symbol.asyncIterator]()
    const results = await Promise.all(Array.from({ length: 45 }, () => iterator.next()))
    const expected = parse214(bytes).shipments
    expect(results.slice(0, 40).map((r) => r.value)).toEqual(expected)
    expect(results.slice(40).every((r) => r.done)).toBe(true)
  })

  it('closes the input when the consumer stops early (regression: break must reach the source)', async () => {
    const source = chunks(file(300), 1000)
    let seen = 0
    for await (const _ of parse214Stream(source)) if (++seen === 3) break
    expect(seen).toBe(3)
    expect(source.destroyed).toBe(true)
  })

  it('delivers the shipments before a structural error, then rejects with the ParseError', async () => {
    const bytes = file(20)
    const truncated = bytes.subarray(0, bytes.indexOf('GE*'))
    const streamed: Shipment[] = []
    await expect(async () => {
      for await (const shipment of parse214Stream(chunks(truncated, 100))) streamed.push(shipment)
    }).rejects.toBeInstanceOf(ParseError)
    expect(streamed).toHaveLength(20)
  })

  it('can be iterated only once', async () => {
    const stream = parse214Stream(file(2))
    for await (const _ of stream) {
      /* drain */
    }
    await expect(stream[Symbol.asyncIterator]().next()).rejects.toBeInstanceOf(ParseError)
  })

  it('closes the input when a chunk in hand turns out broken (regression: errors read between awaits)', async () => {
    const bytes = file(200)
    // One chunk: the bad segment (after the IEA) is read synchronously from the chunk in hand, not after an await.
    const broken = Buffer.concat([bytes, Buffer.from('XYZ*1~'), file(2)])
    expect(bytes.length).toBeGreaterThan(3 * 4096)
    const source = Readable.from([broken])
    const streamed: Shipment[] = []
    await expect(async () => {
      for await (const shipment of parse214Stream(source)) streamed.push(shipment)
    }).rejects.toBeInstanceOf(ParseError)
    // The set completed in the slice that fails is not handed out (as with batches()).
    expect(streamed.length).toBeGreaterThanOrEqual(199)
    expect(source.destroyed).toBe(true)
  })

  it('reads a large chunk in the same small slices as batches() (regression: batch size bounds memory)', async () => {
    const bytes = file(400)
    const expected = parse214(bytes).shipments
    const streamed: Shipment[] = []
    for await (const shipment of parse214Stream(Readable.from([bytes]))) streamed.push(shipment)
    expect(streamed).toEqual(expected)
    const batches: Shipment[][] = []
    for await (const batch of parse214Stream(Readable.from([bytes])).batches()) batches.push(batch)
    expect(batches.length).toBeGreaterThan(1)
    expect(batches.flat()).toEqual(expected)
  })
})
