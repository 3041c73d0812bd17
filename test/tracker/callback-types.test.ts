// Regression (issue #22): the sources' callbacks were typed `void | Promise<void>`, so the getting-started samples
// that hand them the tracker's own functions (which return a result) did not type-check. This file is checked by
// `npm run typecheck`; the test only makes sure the options object is what the sources take.
import { describe, expect, it } from 'vitest'
import type { PollerOptions } from '../../src/polling/index.js'
import type { SftpSourceOptions } from '../../src/sftp/options.js'
import { createTracker } from '../../src/tracker/index.js'

describe("sources accept the tracker's own functions as callbacks", () => {
  it('poller onEvents and SFTP onShipments take ingestResult as it is', () => {
    const tracker = createTracker({ adapters: [], outbox: { drainEveryMs: 0 } })
    const onEvents: PollerOptions['onEvents'] = ({ shipment }) =>
      tracker.ingestResult({ shipments: [shipment], notFound: [], warnings: [] })
    const onShipments: SftpSourceOptions['onShipments'] = (shipments) =>
      tracker.ingestResult({ shipments, notFound: [], warnings: [] })
    expect(typeof onEvents).toBe('function')
    expect(typeof onShipments).toBe('function')
  })
})
