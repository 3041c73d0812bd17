import { aftership } from '../../adapters/aftership/index.js'
import { easypost } from '../../adapters/easypost/index.js'
import { testAdapter } from '../../src/conformance/index.js'

testAdapter({ adapter: easypost(), fixturesDir: 'fixtures/easypost' })
testAdapter({ adapter: aftership(), fixturesDir: 'fixtures/aftership' })
