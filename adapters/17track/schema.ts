/**
 * zod schemas of what 17TRACK answers and pushes (Tracking API v2.2, api.17track.net/en/doc?version=v2.2): the
 * `gettrackinfo` and `register` answers (`{ code, data: { accepted, rejected } }`) and the webhook push
 * (`{ event, data }`). Only the fields waybill reads are declared; everything else passes through untouched and
 * stays in `raw`. 17TRACK sends `null` for absent values, so optional fields accept it.
 */
import { z } from 'zod'

const text = z.string().nullish()

/** `address` of an event or of `shipping_info`: any part may be null. */
export const track17AddressSchema = z.looseObject({
  country: text,
  state: text,
  city: text,
  street: text,
  postal_code: text,
})

/** `time_raw`: the carrier's own date, time and zone as 17TRACK received them. */
export const track17TimeRawSchema = z.looseObject({
  date: text,
  time: text,
  timezone: text,
})

/** One event of a provider. */
export const track17EventSchema = z.looseObject({
  /** ISO 8601; without an offset when the carrier gave no zone. */
  time_iso: text,
  /** UTC; null when 17TRACK could not place the time. */
  time_utc: text,
  time_raw: track17TimeRawSchema.nullish(),
  description: text,
  location: text,
  stage: text,
  sub_status: text,
  address: track17AddressSchema.nullish(),
})

/** One provider (carrier) of a number: an international postal parcel has the origin and the destination post. */
export const track17ProviderSchema = z.looseObject({
  provider: z.looseObject({ key: z.number().int().nullish(), name: text, country: text }).nullish(),
  service_type: text,
  events: z.array(track17EventSchema).nullish(),
})

/** `track_info`: the parcel as 17TRACK knows it. */
export const track17TrackInfoSchema = z.looseObject({
  latest_status: z.looseObject({ status: text, sub_status: text }).nullish(),
  shipping_info: z
    .looseObject({
      shipper_address: track17AddressSchema.nullish(),
      recipient_address: track17AddressSchema.nullish(),
    })
    .nullish(),
  tracking: z.looseObject({ providers: z.array(track17ProviderSchema).nullish() }).nullish(),
})

/** One accepted number (gettrackinfo, register, or the `data` of a push). */
export const track17AcceptedSchema = z.looseObject({
  number: z.string().trim().min(1),
  /** 17TRACK's numeric carrier key. */
  carrier: z.number().int().nullish(),
  tag: text,
  track_info: track17TrackInfoSchema.nullish(),
})

/** One rejected number, with 17TRACK's error code (`-18019902` not registered, …). */
export const track17RejectedSchema = z.looseObject({
  number: z.string().trim().min(1),
  error: z.looseObject({ code: z.number().int(), message: text }),
})

/** The answer of `gettrackinfo` and of `register`. */
export const track17AnswerSchema = z.looseObject({
  code: z.number().int(),
  data: z.looseObject({
    accepted: z.array(track17AcceptedSchema).nullish(),
    rejected: z.array(track17RejectedSchema).nullish(),
  }),
})

/** A webhook push: `TRACKING_UPDATED` (with `track_info`) or `TRACKING_STOPPED`. */
export const track17PushSchema = z.looseObject({
  event: z.string().min(1),
  data: track17AcceptedSchema,
})

export type Track17Accepted = z.output<typeof track17AcceptedSchema>
export type Track17Event = z.output<typeof track17EventSchema>
export type Track17Address = z.output<typeof track17AddressSchema>
