import { csv } from '../../adapters/csv/index.js'
import { testAdapter } from '../../src/conformance/index.js'
import { acmeLayout } from '../sftp/csv-partner.js'

// The CSV drop adapter through the same conformance suite as every other adapter.
testAdapter({ adapter: csv(acmeLayout), fixturesDir: 'fixtures/csv' })
