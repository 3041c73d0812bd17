/**
 * zod schema of USPS Tracking v3 responses (`GET /tracking/v3/tracking/{n}?expand=DETAIL`), lenient where USPS
 * is inconsistent: booleans arrive as strings (`"emailEnabled": "true"`), `mailClass` carries HTML
 * (`USPS Ground Advantage<SUP>&#153;</SUP>`), nulls stand for absent values, unknown fields are kept.
 *
 * Shapes from USPS's OpenAPI "Package Tracking and Notification" 3.2.x (servers apis.usps.com / apis-tem.usps.com,
 * vendored in karrioapi/karrio as usps-tracking.yaml) and karrio's recorded v3 response.
 */
import { z } from 'zod'

const text = z.string().nullish()

const BOOLEAN_TEXT = /^\s*(true|false|y|n|yes|no)\s*$/i
const TRUE_TEXT = /^\s*(true|y|yes)\s*$/i

/**
 * `true`, `"true"`, `"TRUE"`, `"false"`... → boolean; anything else is rejected ("must be true or false" for text).
 * Written as a transform over boolean | string rather than a string with a regex check: a check makes the payload
 * decoder hand the field to zod, and USPS sends one (`authorizedAgent`) in every event.
 */
export const uspsBoolean = z.union([z.boolean(), z.string()]).transform((v, ctx) => {
  if (typeof v === 'boolean') return v
  if (v === 'false') return false
  if (v === 'true') return true
  if (!BOOLEAN_TEXT.test(v)) {
    ctx.issues.push({
      code: 'invalid_format',
      format: 'regex',
      pattern: BOOLEAN_TEXT.toString(),
      origin: 'string',
      input: v,
      message: 'must be true or false',
    })
    return z.NEVER
  }
  return TRUE_TEXT.test(v)
})

export const uspsEventSchema = z.looseObject({
  /** USPS's text for the event, e.g. `Delivered, Parcel Locker`. */
  eventType: text,
  /** Local time, no offset (`2024-11-22T13:58:00`). */
  eventTimestamp: text,
  /** The instant in UTC (`2024-11-22T18:58:40Z`). */
  GMTTimestamp: text,
  /** Offset of the local time (`-05:00`, `-7:00` in USPS's own example). */
  GMTOffset: text,
  eventCountry: text,
  eventCity: text,
  eventState: text,
  eventZIP: text,
  eventZIPCode: text,
  firm: text,
  name: text,
  authorizedAgent: uspsBoolean.nullish(),
  /** Two characters, USPS Publication 199 Appendix G-4. */
  eventCode: text,
  actionCode: text,
  reasonCode: text,
})
export type UspsEvent = z.infer<typeof uspsEventSchema>

export const uspsTrackingSchema = z.looseObject({
  trackingNumber: z.string().trim().min(1, 'must not be empty'),
  mailClass: text,
  mailType: text,
  serviceTypeCode: text,
  status: text,
  statusCategory: text,
  statusSummary: text,
  originCity: text,
  originState: text,
  originZIP: text,
  originCountry: text,
  destinationCity: text,
  destinationState: text,
  destinationZIP: text,
  destinationCountryCode: text,
  expectedDeliveryTimeStamp: text,
  expectedDeliveryType: text,
  guaranteedDeliveryTimeStamp: text,
  predictedDeliveryDate: text,
  predictedDeliveryWindowStartTime: text,
  predictedDeliveryWindowEndTime: text,
  returnDateNotice: text,
  uniqueMailPieceId: text,
  uniqueMailPieceID: text,
  emailEnabled: uspsBoolean.nullish(),
  proofOfDeliveryEnabled: uspsBoolean.nullish(),
  trackingProofOfDeliveryEnabled: uspsBoolean.nullish(),
  redeliveryEnabled: uspsBoolean.nullish(),
  restoreEnabled: uspsBoolean.nullish(),
  kahalaIndicator: uspsBoolean.nullish(),
  onTime: uspsBoolean.nullish(),
  services: z.array(z.string()).nullish(),
  trackingEvents: z.array(uspsEventSchema).nullish(),
})
export type UspsTracking = z.infer<typeof uspsTrackingSchema>

/** USPS API errors: `{ apiVersion, error: { code, message, errors: [{ status, code, title, detail, source }] } }`. */
export const uspsErrorSchema = z.looseObject({
  apiVersion: text,
  error: z.looseObject({
    code: z.union([z.string(), z.number()]).nullish(),
    message: text,
    errors: z
      .array(
        z.looseObject({
          status: z.union([z.string(), z.number()]).nullish(),
          code: z.union([z.string(), z.number()]).nullish(),
          title: text,
          detail: text,
        }),
      )
      .nullish(),
  }),
})
export type UspsError = z.infer<typeof uspsErrorSchema>

/** OAuth token-endpoint errors (RFC 6749 §5.2): `{ error: "invalid_client", error_description }`. */
export const uspsOAuthErrorSchema = z.looseObject({
  error: z.string().min(1),
  error_description: text,
  error_uri: text,
})
