/**
 * Corpus check against ../shared/corpus/gs1: GS1 syntax-engine check-digit and Digital Link vectors, and
 * toEpcis output validated with ajv against the EPCIS 2.0 JSON Schemas. Skips cleanly when the folder is absent.
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Ajv } from 'ajv'
import addFormats from 'ajv-formats'
import { describe, expect, it } from 'vitest'
import { toEpcis } from '../../src/epcis/index.js'
import {
  formatElementString,
  hasValidGs1CheckDigit,
  parseDigitalLink,
  parseElementString,
} from '../../src/identifiers/index.js'
import { shipment } from '../epcis/fixture.js'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const dir = path.resolve(repoRoot, '../shared/corpus/gs1')
const read = (name: string) => JSON.parse(readFileSync(path.join(dir, name), 'utf8'))

describe.skipIf(!existsSync(dir))('GS1 corpus', () => {
  it('agrees with every syntax-engine check-digit vector', () => {
    const { cases } = read('check-digit-vectors-syntax-engine.json') as {
      cases: { input: string; valid: boolean }[]
    }
    expect(cases.length).toBeGreaterThan(10)
    for (const c of cases) expect([c.input, hasValidGs1CheckDigit(c.input)]).toEqual([c.input, c.valid])
  })

  describe('Digital Link parse vectors', () => {
    type Vector = { valid: boolean; dl_uri: string; expected_element_string: string | null }
    const { cases } = existsSync(dir)
      ? (read('digital-link-parse-vectors.json') as { cases: Vector[] })
      : { cases: [] }
    const strict = { allowConvenienceAlphas: false, allowZeroSuppressedGtin: false, allowUnknownAis: false }
    const lenient = { allowConvenienceAlphas: true, allowZeroSuppressedGtin: true, allowUnknownAis: true }
    const byUri = new Map<string, Vector[]>()
    for (const c of cases) byUri.set(c.dl_uri, [...(byUri.get(c.dl_uri) ?? []), c])
    const toEngine = (uri: string, options: object) => {
      const link = parseDigitalLink(uri, options)
      return `^${formatElementString(link.elements, { style: 'raw', separator: '^', allowUnknownAis: true })}`
    }
    it('has the vectors', () => expect(cases.length).toBeGreaterThan(100))
    for (const [uri, vectors] of byUri) {
      const valid = vectors.filter((v) => v.valid)
      const invalid = vectors.filter((v) => !v.valid)
      // URIs listed both ways depend on an engine option: strict must reject, lenient must accept.
      if (valid.length) {
        it(`accepts ${JSON.stringify(uri)}`, () => {
          expect(toEngine(uri, lenient)).toBe(valid[0]?.expected_element_string)
        })
      }
      if (invalid.length) {
        it(`rejects ${JSON.stringify(uri)}${valid.length ? ' in strict mode' : ''}`, () => {
          expect(() => parseDigitalLink(uri, strict)).toThrow(/GS1 Digital Link/)
          if (!valid.length) expect(() => parseDigitalLink(uri, lenient)).toThrow(/GS1 Digital Link/)
        })
      }
    }
  })

  it('parses every expected raw element string back to the Digital Link elements', () => {
    const { cases } = read('digital-link-parse-vectors.json') as {
      cases: { valid: boolean; dl_uri: string; expected_element_string: string | null }[]
    }
    const lenient = { allowConvenienceAlphas: true, allowZeroSuppressedGtin: true, allowUnknownAis: true }
    let checked = 0
    for (const c of cases) {
      if (!c.valid || !c.expected_element_string) continue
      const fromUri = parseDigitalLink(c.dl_uri, lenient).elements.map((e) => [e.ai, e.value])
      const fromRaw = parseElementString(c.expected_element_string, { allowUnknownAis: true })
      expect(fromRaw.map((e) => [e.ai, e.value])).toEqual(fromUri)
      checked++
    }
    expect(checked).toBeGreaterThan(50)
  })

  describe('EPCIS 2.0 JSON Schema', () => {
    const epcisDir = path.join(dir, 'epcis')
    const base = 'https://gs1.github.io/EPCIS/JSON-Schema/schemas/'
    // The corpus holds ObjectEvent, bizStep and disposition schemas. The two modules they $ref are not in it;
    // these are the parts ObjectEvent uses, written from gs1/EPCIS JSON-Schema/schemas (same rules, no extras).
    const uri = { type: 'string', format: 'uri' }
    const definitions = {
      $id: `${base}definitions-JSON-Schema.json`,
      definitions: {
        '@context': {},
        'vocab-uri': uri,
        id: uri,
        'vocab-other-uri': {
          allOf: [
            uri,
            { not: { pattern: '^urn:epcglobal:cbv' } },
            { not: { pattern: '^https://ns.gs1.org/cbv/' } },
          ],
        },
      },
    }
    const ref = (name: string) => ({ $ref: `#/definitions/${name}` })
    const place = { type: 'object', properties: { id: ref('uri') }, required: ['id'] }
    const eventDefinitions = {
      $id: `${base}event-definitions-JSON-Schema.json`,
      definitions: {
        uri,
        time: { type: 'string', format: 'date-time' },
        action: { type: 'string', enum: ['OBSERVE', 'ADD', 'DELETE'] },
        epcList: { type: 'array', items: ref('uri'), uniqueItems: true },
        quantityElement: {
          type: 'object',
          properties: {
            epcClass: ref('uri'),
            quantity: { type: 'number' },
            uom: { type: 'string', pattern: '^[A-Z0-9]{2,3}$' },
          },
          required: ['epcClass', 'quantity'],
          additionalProperties: false,
        },
        quantityList: { type: 'array', items: ref('quantityElement') },
        persistentDisposition: { type: 'object' },
        readPoint: place,
        bizLocation: place,
        bizTransaction: {
          type: 'object',
          properties: { type: { type: 'string' }, bizTransaction: ref('uri') },
          required: ['bizTransaction'],
          additionalProperties: false,
        },
        source: { type: 'object', required: ['type', 'source'] },
        destination: { type: 'object', required: ['type', 'destination'] },
        sensorElement: { type: 'object', required: ['sensorReport'] },
        ilmd: { type: 'object', propertyNames: uri },
        Event: {
          type: 'object',
          properties: {
            eventTime: ref('time'),
            recordTime: ref('time'),
            eventTimeZoneOffset: {
              type: 'string',
              pattern: '^([+]|[-])((0[0-9]|1[0-3]):([0-5][0-9])|14:00)$',
            },
            eventID: ref('uri'),
          },
          required: ['eventTime', 'eventTimeZoneOffset'],
        },
        'common-event-properties': {
          anyOf: [
            {
              type: 'string',
              enum: [
                '@context',
                'type',
                'eventTime',
                'recordTime',
                'eventTimeZoneOffset',
                'eventID',
                'errorDeclaration',
              ],
            },
            { $ref: 'definitions-JSON-Schema.json#/definitions/vocab-uri' },
          ],
        },
      },
    }
    const schemaFiles = [
      'ObjectEvent-JSON-Schema.json',
      'bizStep-JSON-Schema.json',
      'disposition-JSON-Schema.json',
    ]
    const ready = existsSync(dir) && schemaFiles.every((f) => existsSync(path.join(epcisDir, f)))
    const validator = () => {
      const ajv = new Ajv({ strict: false, allErrors: true })
      addFormats.default(ajv)
      ajv.addSchema(definitions).addSchema(eventDefinitions)
      for (const f of schemaFiles.slice(1))
        ajv.addSchema(JSON.parse(readFileSync(path.join(epcisDir, f), 'utf8')))
      return ajv.compile(JSON.parse(readFileSync(path.join(epcisDir, schemaFiles[0] as string), 'utf8')))
    }

    it.skipIf(!ready)(
      'accepts the GS1 example ObjectEvents and rejects broken ones (the validator bites)',
      () => {
        const validate = validator()
        const example = JSON.parse(
          readFileSync(path.join(epcisDir, 'Example_9.6.1-ObjectEvent.jsonld'), 'utf8'),
        )
        const events = example.epcisBody.eventList as Record<string, unknown>[]
        expect(events.length).toBeGreaterThan(0)
        for (const e of events) expect(validate(e), JSON.stringify(validate.errors)).toBe(true)
        const good = events[0] as Record<string, unknown>
        expect(validate({ ...good, bizStep: 'delivered' })).toBe(false)
        expect(validate({ ...good, disposition: 'completed' })).toBe(false)
        expect(validate({ ...good, eventTimeZoneOffset: undefined })).toBe(false)
        expect(validate({ ...good, action: 'observe' })).toBe(false)
        expect(validate({ ...good, 'not a uri key': 1 })).toBe(false)
      },
    )

    for (const [label, options] of [
      ['Digital Link ids', {}],
      ['EPC URNs', { idFormat: 'urn', companyPrefixLength: 7 }],
    ] as const) {
      it.skipIf(!ready)(`validates every toEpcis ObjectEvent (${label})`, () => {
        const validate = validator()
        const doc = toEpcis(shipment('106141412345678908'), {
          ...options,
          creationDate: '2024-04-01T00:00:00Z',
        })
        expect(doc.epcisBody.eventList).toHaveLength(6)
        for (const e of doc.epcisBody.eventList)
          expect(validate(e), JSON.stringify(validate.errors)).toBe(true)
      })
    }
  })
})
