/** trackAndNormalize: the one track + normalize of a batch (tracker, both pollers, conformance suite). */
import { describe, expect, it } from 'vitest'
import {
  type Adapter,
  type NormalizeContext,
  type TrackContext,
  trackAndNormalize,
} from '../../src/adapter/index.js'
import { ConfigError, ParseError, RateLimitError } from '../../src/errors/index.js'
import { createHttpClient } from '../../src/http/index.js'

/** An adapter whose carrier answers `{ number }` per number, and `{ number, broken: true }` for `BAD…` numbers. */
function recordingAdapter(fail?: Error) {
  const seen: { track: TrackContext[]; normalize: (NormalizeContext | undefined)[] } = {
    track: [],
    normalize: [],
  }
  const adapter: Adapter = {
    id: 'acme',
    name: 'Acme',
    capabilities: { track: true, batch: 10 },
    async track(numbers, ctx = {}) {
      seen.track.push(ctx)
      if (fail) throw fail
      return numbers.map((number) => (number.startsWith('BAD') ? { number, broken: true } : { number }))
    },
    normalize(payload, ctx) {
      seen.normalize.push(ctx)
      const p = payload as { number: string; broken?: boolean }
      if (p.broken) throw new ParseError(`acme: ${p.number} is not an answer`, { path: 'acme' })
      return { shipments: [], notFound: [{ trackingNumber: p.number }], warnings: [] }
    },
  }
  return { adapter, seen }
}

describe('trackAndNormalize', () => {
  it('normalizes every payload as a REST read of the numbers asked, with the zone and origin given', async () => {
    const { adapter, seen } = recordingAdapter()
    const signal = new AbortController().signal
    const http = createHttpClient()
    const read = await trackAndNormalize(adapter, ['A1', 'B2'], {
      signal,
      http,
      defaultZone: 'Europe/Berlin',
      origin: 'case-1',
    })
    expect(seen.track).toEqual([{ signal, http }])
    const context = {
      source: 'rest',
      requested: ['A1', 'B2'],
      defaultZone: 'Europe/Berlin',
      origin: 'case-1',
    }
    expect(read.context).toEqual(context)
    expect(seen.normalize).toEqual([context, context])
    expect(read.payloads.map((p) => p.result?.notFound)).toEqual([
      [{ trackingNumber: 'A1' }],
      [{ trackingNumber: 'B2' }],
    ])
  })

  it('leaves zone and origin out of the context when none is given', async () => {
    const { adapter } = recordingAdapter()
    expect((await trackAndNormalize(adapter, ['A1'])).context).toEqual({ source: 'rest', requested: ['A1'] })
  })

  it('keeps a payload normalize refused beside its error, in order, without losing the others', async () => {
    const { adapter } = recordingAdapter()
    const { payloads } = await trackAndNormalize(adapter, ['A1', 'BAD2', 'C3'])
    expect(payloads.map((p) => p.payload)).toEqual([
      { number: 'A1' },
      { number: 'BAD2', broken: true },
      { number: 'C3' },
    ])
    expect(payloads[1]?.result).toBeUndefined()
    expect(payloads[1]?.error).toBeInstanceOf(ParseError)
    expect(payloads[0]?.result?.notFound[0]?.trackingNumber).toBe('A1')
    expect(payloads[2]?.result?.notFound[0]?.trackingNumber).toBe('C3')
  })

  it('throws what track() throws (callers tell throttling from failures) and normalizes nothing', async () => {
    const throttled = new RateLimitError('acme: throttled', { retryAfterMs: 5000 })
    const { adapter, seen } = recordingAdapter(throttled)
    await expect(trackAndNormalize(adapter, ['A1'])).rejects.toBe(throttled)
    expect(seen.normalize).toEqual([])
  })

  it('refuses an adapter without track() with a ConfigError naming it', async () => {
    const { adapter } = recordingAdapter()
    const { track: _omitted, ...fileOnly } = adapter
    await expect(trackAndNormalize(fileOnly, ['A1'])).rejects.toThrow(ConfigError)
    await expect(trackAndNormalize(fileOnly, ['A1'])).rejects.toThrow(/adapter 'acme' cannot track/)
  })
})
