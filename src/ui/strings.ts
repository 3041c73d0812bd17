/**
 * The words of the tracking page, the widget and notifications that are not tracker messages: headings, labels,
 * step names. One typed table per language, the same five as the tracker's messages (en, es, fr, de, vi); a
 * missing key in any language is a type error. Sentences about the shipment itself come from `describe`.
 */

/** The five customer milestones of the progress bar, in order. */
export const PROGRESS_STEPS = [
  'label_created',
  'picked_up',
  'in_transit',
  'out_for_delivery',
  'delivered',
] as const
export type ProgressStep = (typeof PROGRESS_STEPS)[number]

/**
 * How the current step is shown when the shipment is not simply moving forward. `problem` is an exception that
 * needs the recipient to act; `customs`, `delay` and `held` are exceptions that only need patience.
 */
export type StepProblem =
  | 'problem'
  | 'customs'
  | 'delay'
  | 'held'
  | 'attempt'
  | 'pickup'
  | 'return_started'
  | 'return'
  | 'returned'
  | 'failure'
  | 'cancelled'

export interface UiStrings {
  /** BCP 47 language of this table. */
  language: string
  /** Joins a label and its value: ': ' (French: no-break space, colon, space). */
  colon: string
  pageTitle: (trackingNumber: string) => string
  trackingNumber: string
  carrier: string
  service: string
  currentStatus: string
  progress: string
  steps: Record<ProgressStep, string>
  /** Read by screen readers before each step label. */
  stepState: { done: string; current: string; upcoming: string; skipped: string }
  problem: Record<StepProblem, string>
  nextStep: string
  noEstimate: string
  delivered: string
  signedBy: string
  timesShownIn: (zone: string) => string
  /** Next to a time whose zone the carrier did not give (shown as the carrier's local clock, never converted). */
  localTimeNoZone: string
  history: string
  newestFirst: string
  noEvents: string
  carrierDetails: string
  carrierCode: string
  /**
   * When and where the latest event happened, after the status in the headline: "updated 8:02 AM in Chicago".
   * `at` is the time alone when `today`, else the date and time; `city` is left out when unknown.
   */
  updated: (at: string, today: boolean, city?: string) => string
  loading: string
  loadError: string
  trackLink: string
}

export const en: UiStrings = {
  language: 'en',
  colon: ': ',
  pageTitle: (n) => `Tracking ${n}`,
  trackingNumber: 'Tracking number',
  carrier: 'Carrier',
  service: 'Service',
  currentStatus: 'Current status',
  progress: 'Delivery progress',
  steps: {
    label_created: 'Label created',
    picked_up: 'Picked up',
    in_transit: 'In transit',
    out_for_delivery: 'Out for delivery',
    delivered: 'Delivered',
  },
  stepState: { done: 'Done:', current: 'Current step:', upcoming: 'Not yet:', skipped: 'Will not happen:' },
  problem: {
    problem: 'Needs attention',
    customs: 'In customs',
    delay: 'Delayed',
    held: 'On hold',
    attempt: 'Delivery attempted',
    pickup: 'Ready for pickup',
    return_started: 'Return started',
    return: 'Going back to the sender',
    returned: 'Returned to the sender',
    failure: "Can't be delivered",
    cancelled: 'Cancelled',
  },
  nextStep: 'What happens next',
  noEstimate: 'No delivery estimate yet.',
  delivered: 'Delivered',
  signedBy: 'Signed by',
  timesShownIn: (zone) => `Times shown in ${zone}.`,
  localTimeNoZone: 'local time, zone unknown',
  history: 'Tracking history',
  newestFirst: 'Newest first',
  noEvents: 'No updates yet.',
  carrierDetails: 'Show carrier details',
  carrierCode: 'Carrier code',
  updated: (at, _today, city) => `updated ${at}${city ? ` in ${city}` : ''}`,
  loading: 'Loading tracking information…',
  loadError: "We couldn't load the tracking information. Please try again later.",
  trackLink: 'Track your package',
}

export const es: UiStrings = {
  language: 'es',
  colon: ': ',
  pageTitle: (n) => `Seguimiento de ${n}`,
  trackingNumber: 'Número de seguimiento',
  carrier: 'Transportista',
  service: 'Servicio',
  currentStatus: 'Estado actual',
  progress: 'Progreso del envío',
  steps: {
    label_created: 'Etiqueta creada',
    picked_up: 'Recogido',
    in_transit: 'En tránsito',
    out_for_delivery: 'En reparto',
    delivered: 'Entregado',
  },
  stepState: {
    done: 'Completado:',
    current: 'Paso actual:',
    upcoming: 'Pendiente:',
    skipped: 'No se realizará:',
  },
  problem: {
    problem: 'Requiere atención',
    customs: 'En aduana',
    delay: 'Con retraso',
    held: 'Retenido',
    attempt: 'Intento de entrega',
    pickup: 'Listo para recoger',
    return_started: 'Devolución iniciada',
    return: 'En devolución al remitente',
    returned: 'Devuelto al remitente',
    failure: 'No se puede entregar',
    cancelled: 'Cancelado',
  },
  nextStep: 'Próximo paso',
  noEstimate: 'Aún no hay fecha estimada de entrega.',
  delivered: 'Entregado',
  signedBy: 'Firmado por',
  timesShownIn: (zone) => `Horas indicadas en ${zone}.`,
  localTimeNoZone: 'hora local, zona desconocida',
  history: 'Historial de seguimiento',
  newestFirst: 'Lo más reciente primero',
  noEvents: 'Todavía no hay novedades.',
  carrierDetails: 'Ver detalles del transportista',
  carrierCode: 'Código del transportista',
  updated: (at, today, city) =>
    `actualizado ${today ? `a ${/^0?1\D/.test(at) ? 'la' : 'las'} ${at}` : `el ${at}`}${city ? ` en ${city}` : ''}`,
  loading: 'Cargando la información de seguimiento…',
  loadError: 'No pudimos cargar la información de seguimiento. Inténtalo de nuevo más tarde.',
  trackLink: 'Sigue tu paquete',
}

export const fr: UiStrings = {
  language: 'fr',
  colon: '\u00a0: ',
  pageTitle: (n) => `Suivi du colis ${n}`,
  trackingNumber: 'Numéro de suivi',
  carrier: 'Transporteur',
  service: 'Service',
  currentStatus: 'Statut actuel',
  progress: 'Progression de la livraison',
  steps: {
    label_created: 'Étiquette créée',
    picked_up: 'Pris en charge',
    in_transit: 'En transit',
    out_for_delivery: 'En cours de livraison',
    delivered: 'Livré',
  },
  stepState: {
    done: 'Terminé\u00a0:',
    current: 'Étape en cours\u00a0:',
    upcoming: 'À venir\u00a0:',
    skipped: "N'aura pas lieu\u00a0:",
  },
  problem: {
    problem: 'Action requise',
    customs: 'En douane',
    delay: 'Retardé',
    held: 'En attente',
    attempt: 'Tentative de livraison',
    pickup: 'Disponible au retrait',
    return_started: 'Retour lancé',
    return: "En retour vers l'expéditeur",
    returned: "Retourné à l'expéditeur",
    failure: 'Livraison impossible',
    cancelled: 'Annulé',
  },
  nextStep: 'Prochaine étape',
  noEstimate: 'Pas encore de date de livraison estimée.',
  delivered: 'Livré',
  signedBy: 'Signé par',
  timesShownIn: (zone) => `Heures indiquées en ${zone}.`,
  localTimeNoZone: 'heure locale, fuseau inconnu',
  history: 'Historique du suivi',
  newestFirst: 'Du plus récent au plus ancien',
  noEvents: 'Aucune mise à jour pour le moment.',
  carrierDetails: 'Afficher les détails du transporteur',
  carrierCode: 'Code transporteur',
  updated: (at, today, city) => `mis à jour ${today ? 'à' : 'le'} ${at}${city ? ` à ${city}` : ''}`,
  loading: 'Chargement des informations de suivi…',
  loadError: 'Impossible de charger les informations de suivi. Veuillez réessayer plus tard.',
  trackLink: 'Suivre mon colis',
}

export const de: UiStrings = {
  language: 'de',
  colon: ': ',
  pageTitle: (n) => `Sendungsverfolgung ${n}`,
  trackingNumber: 'Sendungsnummer',
  carrier: 'Versanddienstleister',
  service: 'Versandart',
  currentStatus: 'Aktueller Status',
  progress: 'Sendungsfortschritt',
  steps: {
    label_created: 'Etikett erstellt',
    picked_up: 'Abgeholt',
    in_transit: 'Unterwegs',
    out_for_delivery: 'In Zustellung',
    delivered: 'Zugestellt',
  },
  stepState: {
    done: 'Erledigt:',
    current: 'Aktueller Schritt:',
    upcoming: 'Ausstehend:',
    skipped: 'Entfällt:',
  },
  problem: {
    problem: 'Handlungsbedarf',
    customs: 'Beim Zoll',
    delay: 'Verzögert',
    held: 'Angehalten',
    attempt: 'Zustellversuch',
    pickup: 'Abholbereit',
    return_started: 'Rücksendung veranlasst',
    return: 'Rücksendung an den Absender',
    returned: 'An den Absender zurückgesendet',
    failure: 'Nicht zustellbar',
    cancelled: 'Storniert',
  },
  nextStep: 'Wie geht es weiter',
  noEstimate: 'Noch kein voraussichtlicher Zustelltermin.',
  delivered: 'Zugestellt',
  signedBy: 'Unterschrieben von',
  timesShownIn: (zone) => `Zeitangaben in ${zone}.`,
  localTimeNoZone: 'Ortszeit, Zeitzone unbekannt',
  history: 'Sendungsverlauf',
  newestFirst: 'Neueste zuerst',
  noEvents: 'Noch keine Neuigkeiten.',
  carrierDetails: 'Angaben des Versanddienstleisters anzeigen',
  carrierCode: 'Code des Versanddienstleisters',
  updated: (at, today, city) => `aktualisiert ${today ? 'um' : 'am'} ${at}${city ? ` in ${city}` : ''}`,
  loading: 'Sendungsdaten werden geladen …',
  loadError: 'Die Sendungsdaten konnten nicht geladen werden. Bitte versuchen Sie es später erneut.',
  trackLink: 'Sendung verfolgen',
}

export const vi: UiStrings = {
  language: 'vi',
  colon: ': ',
  pageTitle: (n) => `Theo dõi kiện hàng ${n}`,
  trackingNumber: 'Mã vận đơn',
  carrier: 'Đơn vị vận chuyển',
  service: 'Dịch vụ',
  currentStatus: 'Trạng thái hiện tại',
  progress: 'Tiến trình giao hàng',
  steps: {
    label_created: 'Đã tạo vận đơn',
    picked_up: 'Đã lấy hàng',
    in_transit: 'Đang vận chuyển',
    out_for_delivery: 'Đang giao hàng',
    delivered: 'Đã giao hàng',
  },
  stepState: {
    done: 'Đã xong:',
    current: 'Bước hiện tại:',
    upcoming: 'Chưa đến:',
    skipped: 'Sẽ không diễn ra:',
  },
  problem: {
    problem: 'Cần chú ý',
    customs: 'Đang qua hải quan',
    delay: 'Bị chậm trễ',
    held: 'Đang tạm giữ',
    attempt: 'Giao hàng chưa thành công',
    pickup: 'Sẵn sàng để nhận',
    return_started: 'Đã bắt đầu trả hàng',
    return: 'Đang trả lại người gửi',
    returned: 'Đã trả lại người gửi',
    failure: 'Không thể giao hàng',
    cancelled: 'Đã hủy',
  },
  nextStep: 'Bước tiếp theo',
  noEstimate: 'Chưa có ngày giao hàng dự kiến.',
  delivered: 'Đã giao hàng',
  signedBy: 'Người ký nhận',
  timesShownIn: (zone) => `Giờ hiển thị theo ${zone}.`,
  localTimeNoZone: 'giờ địa phương, không rõ múi giờ',
  history: 'Lịch sử vận chuyển',
  newestFirst: 'Mới nhất ở trên',
  noEvents: 'Chưa có cập nhật nào.',
  carrierDetails: 'Xem chi tiết từ đơn vị vận chuyển',
  carrierCode: 'Mã của đơn vị vận chuyển',
  updated: (at, today, city) => `cập nhật ${today ? 'lúc ' : ''}${at}${city ? ` tại ${city}` : ''}`,
  loading: 'Đang tải thông tin vận chuyển…',
  loadError: 'Không thể tải thông tin vận chuyển. Vui lòng thử lại sau.',
  trackLink: 'Theo dõi kiện hàng',
}

/** Every UI table by language. */
export const UI_STRINGS: Readonly<Record<string, UiStrings>> = Object.freeze({ en, es, fr, de, vi })

/**
 * The UI table for a BCP 47 locale (`fr-CA` → `fr`); English when the language has no table, like `describe`.
 * @example uiStrings('de-AT').history // 'Sendungsverlauf'
 */
export function uiStrings(locale: string | undefined): UiStrings {
  const language = (locale ?? 'en').trim().toLowerCase().split(/[-_]/)[0] ?? 'en'
  return UI_STRINGS[language] ?? en
}
