/** The 214 adapter through the public conformance suite, on the project's own fixtures (fixtures/edi214). */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { edi214 } from '../../adapters/edi214/index.js'
import { testAdapter } from '../../src/conformance/index.js'
import type { TradingPartner } from '../../src/edi/index.js'

/** The trading partner the fixtures are written for (the same profile `waybill conformance edi214` loads). */
export const FIXTURE_PARTNERS: TradingPartner[] = JSON.parse(
  readFileSync(new URL('../../fixtures/edi214/adapter-options.json', import.meta.url), 'utf8'),
).partners

testAdapter({
  adapter: edi214({ partners: FIXTURE_PARTNERS }),
  fixturesDir: fileURLToPath(new URL('../../fixtures/edi214', import.meta.url)),
})
