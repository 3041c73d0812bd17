import { describe, expect, it } from 'vitest'
import { csv } from '../../adapters/csv/index.js'
import { testAdapter } from '../../src/conformance/index.js'
import { acmeLayout } from '../sftp/csv-partner.js'

// The CSV drop adapter through the same conformance suite as every other adapter.
testAdapter({ adapter: csv(acmeLayout), fixturesDir: 'fixtures/csv' })

describe('csv: repeated rows (regression guard for the one de-duplication path, UniqueEvents)', () => {
  it('keeps a row sent twice once, first occurrence first, and every other row', () => {
    const file = [
      'Tracking,Status,Status Text,Date,Time,TZ,City,State,Zip,Country,Reason',
      'AC1000000009,PU,Picked up at shipper,2024-03-25,08:15,,Chicago,IL,60601,US,',
      'AC1000000009,AR,Arrived at terminal,2024-03-25,23:40,CDT,Joliet,IL,60431,US,',
      'AC1000000009,PU,Picked up at shipper,2024-03-25,08:15,,Chicago,IL,60601,US,',
    ].join('\n')
    const { shipments } = csv(acmeLayout).normalize(file)
    expect(shipments[0]?.events.map((e) => e.raw.code)).toEqual(['PU', 'AR'])
  })
})
