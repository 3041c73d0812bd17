/**
 * `waybill/webhooks`: verify and sign webhook deliveries for every scheme carriers and aggregators use
 * (Standard Webhooks, `t=…,v1=…` timestamped HMAC, plain body HMAC with GitHub/Shopify/AfterShip/EasyPost
 * presets, RSA-SHA256 via JWKS, shared tokens), handle deliveries (fetch and node:http shapes, de-duplicated
 * through a `Store`). waybill's own outbound format (canonical shipments, Standard Webhooks-signed) is in
 * `waybill/webhooks/outbound`, because it validates shipments with the model's schemas.
 *
 * Every function takes the raw body as received. Verification runs on node:crypto when present, otherwise
 * on WebCrypto. This entry imports no Node built-in, no undici and no zod, so it bundles for browsers and
 * worker runtimes (test/webhooks/edge.test.ts).
 */
export type { CryptoBackend, HmacAlgorithm } from './crypto.js'
export type { WebhookBatch, WebhookHandlerOptions, WebhookSourceConfig } from './delivery.js'
export { createWebhookHandler, type WebhookHandler } from './handler.js'
export { aftership, easypost, github, type HmacSchemeOptions, hmacScheme, shopify } from './hmac.js'
export { type JwksKeySet, type JwksKeySetOptions, jwksKeySet, parseJwks } from './jwks.js'
export { type JwksRsaOptions, jwksRsa } from './jwks-rsa.js'
export { type SchemeId, type SignInput, schemeIds, sign } from './schemes.js'
export { type SharedTokenOptions, sharedToken } from './shared-token.js'
export { type StandardWebhooksOptions, standardWebhooks } from './standard-webhooks.js'
export { type TimestampedHmacOptions, timestampedHmac } from './timestamped-hmac.js'
export { TRACK17_SIGN_HEADER, type Track17SignInput, track17Scheme } from './track17.js'
export type {
  HeadersInput,
  SecretInput,
  VerifyFailure,
  VerifyInput,
  VerifyResult,
  VerifySuccess,
  WebhookScheme,
} from './types.js'
export { resolveScheme, type SchemeInput, verify, verifyOrThrow, verifySync } from './verify.js'
