/**
 * Customer-facing message tables, one file per language, and the lookup that picks one for a BCP 47 locale
 * (`es-MX` → `es`; unknown languages fall back to English). Tables are typed `Record<Status | Milestone | ...>`,
 * so a missing key in any language is a type error.
 */
import type { AlertKind, Milestone, Status } from '../../model/core.js'
import { de } from './de.js'
import { en } from './en.js'
import { es } from './es.js'
import { fr } from './fr.js'
import { vi } from './vi.js'

/**
 * A delivery estimate, its parts already formatted for the locale by `Intl.DateTimeFormat`.
 * - `on`: a day (`date`), e.g. "on Tuesday, March 26";
 * - `by`: a time (`time`) on a day, e.g. "by 8:00 PM";
 * - `between`: two times (`from`, `to`) on one day;
 * - `days`: two days (`date` to `toDate`).
 * `day` is set when the estimate falls today or tomorrow in the recipient's zone (then `date` is usually left out
 * of the sentence).
 */
export interface EtaParts {
  kind: 'on' | 'by' | 'between' | 'days'
  date: string
  toDate?: string
  time?: string
  from?: string
  to?: string
  /** For `between`: the window as `Intl` writes a time range in the locale ("9:00 AM – 12:00 PM", "09:00–12:00"). */
  range?: string
  day?: 'today' | 'tomorrow'
}

/** What an alert message may mention, already formatted. */
export interface AlertContext {
  /** The current estimate as a phrase ("by 8:00 PM"), when known and still ahead. */
  eta?: string
  /** The first promised (or previous) estimate as a phrase, for `late`. */
  previous?: string
  /** How long nothing happened, e.g. "3 days", for `stalled`. */
  duration?: string
}

/** One language's messages. Keep them short, warm and free of carrier jargon. */
export interface MessageTable {
  /** BCP 47 language of this table. */
  language: string
  /** One sentence per status: used for a shipment whose milestone adds nothing (e.g. `status_update`). */
  status: Record<Status, string>
  /** One sentence per milestone: reads right for the shipment's latest step and for a single event. */
  milestone: Record<Milestone, string>
  /** What the recipient can do next (or that nothing is needed), per status. */
  nextStep: Record<Status, string>
  /** A more specific next step for some milestones; wins over `nextStep`. */
  nextStepByMilestone: Partial<Record<Milestone, string>>
  /** The estimate as a phrase: "by 8:00 PM", "on Tuesday, March 26", "between 2:00 and 4:00 PM tomorrow". */
  eta(parts: EtaParts): string
  /**
   * The estimate as a headline that leads with the date in the recipient's zone, the time or window when known,
   * and "today"/"tomorrow" only as a complement: "Arrives Wednesday, March 27, 9:00 AM – 12:00 PM · tomorrow".
   */
  arrives(parts: EtaParts): string
  /** A sentence giving the estimate after the status sentence: "It should arrive by 8:00 PM." */
  arrival(eta: string): string
  /** Status and estimate in one sentence, where it reads naturally: "… is out for delivery and should arrive …". */
  arrivalWith: Partial<Record<Milestone, (eta: string) => string>>
  /** A short title per alert kind (a notification subject). */
  alertTitle: Record<AlertKind, string>
  /** The body of a notification per alert kind. */
  alert: Record<AlertKind, (context: AlertContext) => string>
}

/** The languages with a full table. */
export const MESSAGES: Readonly<Record<string, MessageTable>> = Object.freeze({ en, es, fr, de, vi })

/** The supported message languages. */
export const MESSAGE_LANGUAGES = Object.freeze(Object.keys(MESSAGES))

/**
 * The table for a locale: its language when supported (`fr-CA` → `fr`, `es_MX` → `es`), else English.
 * @example messagesFor('es-MX').language // 'es'
 */
export function messagesFor(locale: string | undefined): MessageTable {
  const language = (locale ?? 'en').trim().toLowerCase().split(/[-_]/)[0] ?? 'en'
  return MESSAGES[language] ?? en
}

export { de, en, es, fr, vi }
