/**
 * The adapters shipped with waybill, as the CLI sees them: how to build each from environment variables (for
 * `track`), and its conformance target (fixtures shipped in the package, loopback `connect` for recorded exchanges).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { track17 } from '../adapters/17track/index.js'
import { aftership } from '../adapters/aftership/index.js'
import { type AmazonOptions, amazon } from '../adapters/amazon/index.js'
import { auspost } from '../adapters/auspost/index.js'
import { canadapost } from '../adapters/canadapost/index.js'
import { type CsvAdapterOptions, csv } from '../adapters/csv/index.js'
import { dhl } from '../adapters/dhl/index.js'
import { dpd } from '../adapters/dpd/index.js'
import { easypost } from '../adapters/easypost/index.js'
import { edi214 } from '../adapters/edi214/index.js'
import { fedex } from '../adapters/fedex/index.js'
import { gls } from '../adapters/gls/index.js'
import { type LaposteOptions, laposte } from '../adapters/laposte/index.js'
import { postnl } from '../adapters/postnl/index.js'
import { royalmail } from '../adapters/royalmail/index.js'
import { shippo } from '../adapters/shippo/index.js'
import { ups } from '../adapters/ups/index.js'
import { usps } from '../adapters/usps/index.js'
import type { Adapter } from '../src/adapter/index.js'
import type { ConformanceOptions } from '../src/conformance/checks.js'
import { packageRoot } from './package-root.js'

export interface ShippedAdapter {
  id: string
  /** Environment variables `track` reads. */
  env: readonly string[]
  /**
   * The adapter built from the environment (credentials may be missing: `normalize` still works); `baseUrl`
   * points a tracking adapter at a sandbox or a fake.
   */
  fromEnv(env: NodeJS.ProcessEnv, baseUrl?: string): Adapter | undefined
  conformance(): Omit<ConformanceOptions, 'update'>
}

const TEST_CREDENTIALS = { clientId: 'test-client', clientSecret: 'test-secret' }
const fixtures = (id: string) => join(packageRoot(), 'fixtures', id)
/** The adapter options a shipped fixture folder is written for (`adapter-options.json` beside the fixtures). */
function fixtureOptions<T>(id: string): T {
  return JSON.parse(readFileSync(join(fixtures(id), 'adapter-options.json'), 'utf8')) as T
}
const environment = <T extends string>(value: string | undefined, allowed: readonly T[]): T | undefined =>
  allowed.find((a) => a === value)

export const SHIPPED_ADAPTERS: readonly ShippedAdapter[] = [
  {
    id: 'ups',
    env: ['WAYBILL_UPS_CLIENT_ID', 'WAYBILL_UPS_CLIENT_SECRET', 'WAYBILL_UPS_ENVIRONMENT'],
    fromEnv: (env, baseUrl) =>
      ups({
        clientId: env.WAYBILL_UPS_CLIENT_ID,
        clientSecret: env.WAYBILL_UPS_CLIENT_SECRET,
        environment: environment(env.WAYBILL_UPS_ENVIRONMENT, ['production', 'sandbox'] as const),
        ...(baseUrl ? { baseUrl } : {}),
      }),
    conformance: () => ({
      adapter: ups(),
      fixturesDir: fixtures('ups'),
      connect: (baseUrl) => ups({ ...TEST_CREDENTIALS, baseUrl }),
    }),
  },
  {
    id: 'fedex',
    env: ['WAYBILL_FEDEX_CLIENT_ID', 'WAYBILL_FEDEX_CLIENT_SECRET', 'WAYBILL_FEDEX_ENVIRONMENT'],
    fromEnv: (env, baseUrl) =>
      fedex({
        clientId: env.WAYBILL_FEDEX_CLIENT_ID,
        clientSecret: env.WAYBILL_FEDEX_CLIENT_SECRET,
        environment: environment(env.WAYBILL_FEDEX_ENVIRONMENT, ['production', 'sandbox'] as const),
        ...(baseUrl ? { baseUrl } : {}),
      }),
    conformance: () => ({
      adapter: fedex(),
      fixturesDir: fixtures('fedex'),
      connect: (baseUrl) => fedex({ ...TEST_CREDENTIALS, baseUrl }),
    }),
  },
  {
    id: 'usps',
    env: ['WAYBILL_USPS_CLIENT_ID', 'WAYBILL_USPS_CLIENT_SECRET', 'WAYBILL_USPS_ENVIRONMENT'],
    fromEnv: (env, baseUrl) =>
      usps({
        clientId: env.WAYBILL_USPS_CLIENT_ID,
        clientSecret: env.WAYBILL_USPS_CLIENT_SECRET,
        environment: environment(env.WAYBILL_USPS_ENVIRONMENT, ['production', 'test'] as const),
        ...(baseUrl ? { baseUrl } : {}),
      }),
    conformance: () => ({
      adapter: usps(),
      fixturesDir: fixtures('usps'),
      connect: (baseUrl) => usps({ ...TEST_CREDENTIALS, baseUrl }),
    }),
  },
  {
    id: 'dhl',
    env: ['WAYBILL_DHL_API_KEY'],
    fromEnv: (env, baseUrl) => dhl({ apiKey: env.WAYBILL_DHL_API_KEY, ...(baseUrl ? { baseUrl } : {}) }),
    conformance: () => ({
      adapter: dhl(),
      fixturesDir: fixtures('dhl'),
      connect: (baseUrl) =>
        dhl({ apiKey: 'test-dhl-key', baseUrl, limits: { requestsPerSecond: 50, burst: 50 } }),
    }),
  },
  {
    id: 'edi214',
    env: [],
    fromEnv: () => edi214(),
    // The fixtures are written for a trading partner whose profile sits beside them.
    conformance: () => ({ adapter: edi214(fixtureOptions('edi214')), fixturesDir: fixtures('edi214') }),
  },
  {
    id: 'csv',
    env: ['WAYBILL_CSV_LAYOUT'],
    /** A CSV feed needs its layout: a JSON file of `CsvAdapterOptions` named by `WAYBILL_CSV_LAYOUT`. */
    fromEnv: (env) =>
      env.WAYBILL_CSV_LAYOUT
        ? csv(JSON.parse(readFileSync(env.WAYBILL_CSV_LAYOUT, 'utf8')) as CsvAdapterOptions)
        : undefined,
    conformance: () => ({ adapter: csv(fixtureOptions('csv')), fixturesDir: fixtures('csv') }),
  },
  {
    id: 'easypost',
    env: ['WAYBILL_EASYPOST_API_KEY', 'WAYBILL_EASYPOST_CARRIER'],
    fromEnv: (env, baseUrl) =>
      easypost({
        apiKey: env.WAYBILL_EASYPOST_API_KEY,
        carrier: env.WAYBILL_EASYPOST_CARRIER,
        ...(baseUrl ? { baseUrl } : {}),
      }),
    conformance: () => ({
      adapter: easypost(),
      fixturesDir: fixtures('easypost'),
      connect: (baseUrl) =>
        easypost({ apiKey: 'EZTK_test_key', baseUrl, limits: { requestsPerSecond: 50, burst: 50 } }),
    }),
  },
  {
    id: 'aftership',
    env: ['WAYBILL_AFTERSHIP_API_KEY', 'WAYBILL_AFTERSHIP_SLUG'],
    fromEnv: (env, baseUrl) =>
      aftership({
        apiKey: env.WAYBILL_AFTERSHIP_API_KEY,
        slug: env.WAYBILL_AFTERSHIP_SLUG,
        ...(baseUrl ? { baseUrl } : {}),
      }),
    conformance: () => ({
      adapter: aftership(),
      fixturesDir: fixtures('aftership'),
      connect: (baseUrl) =>
        aftership({ apiKey: 'aftership_test_key', baseUrl, limits: { requestsPerSecond: 50, burst: 50 } }),
    }),
  },
  {
    id: 'shippo',
    env: ['WAYBILL_SHIPPO_API_KEY', 'WAYBILL_SHIPPO_CARRIER'],
    fromEnv: (env, baseUrl) =>
      shippo({
        apiKey: env.WAYBILL_SHIPPO_API_KEY,
        carrier: env.WAYBILL_SHIPPO_CARRIER,
        ...(baseUrl ? { baseUrl } : {}),
      }),
    conformance: () => ({
      adapter: shippo(),
      fixturesDir: fixtures('shippo'),
      connect: (baseUrl) =>
        shippo({ apiKey: 'shippo_test_key', baseUrl, limits: { requestsPerSecond: 50, burst: 50 } }),
    }),
  },
  {
    id: 'auspost',
    env: [
      'WAYBILL_AUSPOST_API_KEY',
      'WAYBILL_AUSPOST_PASSWORD',
      'WAYBILL_AUSPOST_ACCOUNT_NUMBER',
      'WAYBILL_AUSPOST_ENVIRONMENT',
    ],
    fromEnv: (env, baseUrl) =>
      auspost({
        apiKey: env.WAYBILL_AUSPOST_API_KEY,
        password: env.WAYBILL_AUSPOST_PASSWORD,
        accountNumber: env.WAYBILL_AUSPOST_ACCOUNT_NUMBER,
        environment: environment(env.WAYBILL_AUSPOST_ENVIRONMENT, ['production', 'sandbox'] as const),
        ...(baseUrl ? { baseUrl } : {}),
      }),
    conformance: () => ({
      adapter: auspost(),
      fixturesDir: fixtures('auspost'),
      connect: (baseUrl) =>
        auspost({
          apiKey: 'auspost_test_key',
          password: 'auspost_test_password',
          accountNumber: '0001234567',
          baseUrl,
          limits: { requestsPerSecond: 50, burst: 50 },
        }),
    }),
  },
  {
    id: 'canadapost',
    env: ['WAYBILL_CANADAPOST_USERNAME', 'WAYBILL_CANADAPOST_PASSWORD', 'WAYBILL_CANADAPOST_ENVIRONMENT'],
    fromEnv: (env, baseUrl) =>
      canadapost({
        username: env.WAYBILL_CANADAPOST_USERNAME,
        password: env.WAYBILL_CANADAPOST_PASSWORD,
        sandbox: env.WAYBILL_CANADAPOST_ENVIRONMENT === 'sandbox',
        ...(baseUrl ? { baseUrl } : {}),
      }),
    conformance: () => ({
      adapter: canadapost(),
      fixturesDir: fixtures('canadapost'),
      connect: (baseUrl) =>
        canadapost({
          username: 'cp_test_user',
          password: 'cp_test_pass',
          baseUrl,
          limits: { requestsPerSecond: 50, burst: 50 },
          retry: false,
        }),
    }),
  },
  {
    id: 'amazon',
    env: [
      'WAYBILL_AMAZON_ACCESS_TOKEN',
      'WAYBILL_AMAZON_CARRIER_ID',
      'WAYBILL_AMAZON_BUSINESS_ID',
      'WAYBILL_AMAZON_ENVIRONMENT',
    ],
    fromEnv: (env, baseUrl) =>
      amazon({
        accessToken: env.WAYBILL_AMAZON_ACCESS_TOKEN,
        carrierId: env.WAYBILL_AMAZON_CARRIER_ID,
        businessId: env.WAYBILL_AMAZON_BUSINESS_ID as AmazonOptions['businessId'],
        environment: environment(env.WAYBILL_AMAZON_ENVIRONMENT, ['production', 'sandbox'] as const),
        ...(baseUrl ? { baseUrl } : {}),
      }),
    conformance: () => ({
      adapter: amazon(),
      fixturesDir: fixtures('amazon'),
      connect: (baseUrl) =>
        amazon({
          accessToken: 'Atza|amazon_test_token',
          baseUrl,
          limits: { requestsPerSecond: 50, burst: 50 },
        }),
    }),
  },
  {
    id: 'royalmail',
    env: ['WAYBILL_ROYALMAIL_CLIENT_ID', 'WAYBILL_ROYALMAIL_CLIENT_SECRET'],
    fromEnv: (env, baseUrl) =>
      royalmail({
        clientId: env.WAYBILL_ROYALMAIL_CLIENT_ID || undefined,
        clientSecret: env.WAYBILL_ROYALMAIL_CLIENT_SECRET || undefined,
        ...(baseUrl ? { baseUrl } : {}),
      }),
    conformance: () => ({
      adapter: royalmail(),
      fixturesDir: fixtures('royalmail'),
      connect: (baseUrl) =>
        royalmail({
          clientId: 'rm-test-client',
          clientSecret: 'rm-test-secret',
          baseUrl,
          limits: { requestsPerSecond: 50, burst: 50 },
        }),
    }),
  },
  {
    id: 'postnl',
    env: ['WAYBILL_POSTNL_API_KEY', 'WAYBILL_POSTNL_ENVIRONMENT'],
    fromEnv: (env, baseUrl) =>
      postnl({
        apiKey: env.WAYBILL_POSTNL_API_KEY || undefined,
        environment: environment(env.WAYBILL_POSTNL_ENVIRONMENT, ['production', 'sandbox'] as const),
        ...(baseUrl ? { baseUrl } : {}),
      }),
    conformance: () => ({
      adapter: postnl(),
      fixturesDir: fixtures('postnl'),
      connect: (baseUrl) =>
        postnl({ apiKey: 'postnl-test-key', baseUrl, limits: { requestsPerSecond: 50, burst: 50 } }),
    }),
  },
  {
    id: 'gls',
    env: ['WAYBILL_GLS_CLIENT_ID', 'WAYBILL_GLS_CLIENT_SECRET', 'WAYBILL_GLS_ENVIRONMENT'],
    fromEnv: (env, baseUrl) =>
      gls({
        clientId: env.WAYBILL_GLS_CLIENT_ID || undefined,
        clientSecret: env.WAYBILL_GLS_CLIENT_SECRET || undefined,
        environment: environment(env.WAYBILL_GLS_ENVIRONMENT, ['production', 'sandbox'] as const),
        ...(baseUrl ? { baseUrl } : {}),
      }),
    conformance: () => ({
      adapter: gls(),
      fixturesDir: fixtures('gls'),
      connect: (baseUrl) =>
        gls({
          clientId: 'gls-test-client',
          clientSecret: 'gls-test-secret',
          baseUrl,
          limits: { requestsPerSecond: 50, burst: 50, perDay: 1000 },
          retry: false,
        }),
    }),
  },
  {
    id: '17track',
    env: ['WAYBILL_17TRACK_API_KEY', 'WAYBILL_17TRACK_REGISTER'],
    fromEnv: (env, baseUrl) =>
      track17({
        apiKey: env.WAYBILL_17TRACK_API_KEY,
        // Numbers registered elsewhere: WAYBILL_17TRACK_REGISTER=false saves the register call.
        register: env.WAYBILL_17TRACK_REGISTER !== 'false',
        ...(baseUrl ? { baseUrl } : {}),
      }),
    conformance: () => ({
      adapter: track17(),
      fixturesDir: fixtures('17track'),
      connect: (baseUrl) =>
        track17({ apiKey: 'track17_test_key', baseUrl, limits: { requestsPerSecond: 50, burst: 50 } }),
    }),
  },
  {
    id: 'laposte',
    env: ['WAYBILL_LAPOSTE_API_KEY', 'WAYBILL_LAPOSTE_LANG'],
    fromEnv: (env, baseUrl) =>
      laposte({
        apiKey: env.WAYBILL_LAPOSTE_API_KEY,
        ...(env.WAYBILL_LAPOSTE_LANG ? { lang: env.WAYBILL_LAPOSTE_LANG as LaposteOptions['lang'] } : {}),
        ...(baseUrl ? { baseUrl } : {}),
      }),
    conformance: () => ({
      adapter: laposte(),
      fixturesDir: fixtures('laposte'),
      connect: (baseUrl) =>
        laposte({
          apiKey: 'okapi_test_key',
          lang: 'en_GB',
          baseUrl,
          limits: { requestsPerSecond: 50, burst: 50 },
        }),
    }),
  },
  {
    id: 'dpd',
    env: ['WAYBILL_DPD_DELIS_ID', 'WAYBILL_DPD_PASSWORD', 'WAYBILL_DPD_LANGUAGE', 'WAYBILL_DPD_ENVIRONMENT'],
    fromEnv: (env, baseUrl) =>
      dpd({
        ...(env.WAYBILL_DPD_DELIS_ID && env.WAYBILL_DPD_PASSWORD
          ? { delisId: env.WAYBILL_DPD_DELIS_ID, password: env.WAYBILL_DPD_PASSWORD }
          : {}),
        ...(env.WAYBILL_DPD_LANGUAGE ? { messageLanguage: env.WAYBILL_DPD_LANGUAGE } : {}),
        environment: environment(env.WAYBILL_DPD_ENVIRONMENT, ['production', 'sandbox'] as const),
        ...(baseUrl ? { baseUrl } : {}),
      }),
    conformance: () => ({
      adapter: dpd(),
      fixturesDir: fixtures('dpd'),
      connect: (baseUrl) =>
        dpd({
          delisId: 'waybilltest',
          password: 'dpd_test_password',
          baseUrl,
          limits: { requestsPerSecond: 50, burst: 50 },
        }),
    }),
  },
]

/** The shipped adapter with this id, built from the environment. */
export function shippedAdapter(id: string, env: NodeJS.ProcessEnv = process.env): Adapter | undefined {
  return SHIPPED_ADAPTERS.find((s) => s.id === id)?.fromEnv(env)
}
