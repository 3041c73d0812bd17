/**
 * Where a source hands what it read: the tracker, or anything with the same `ingestResult`. The webhook handler, the
 * pollers and the SFTP source take one as `sink`, so wiring a source into a tracker is one line, and the carrier's
 * payload travels with the result (the tracker keeps it for `reprocess`).
 */
import type { NormalizeResult } from '../model/core.js'
import type { NormalizeContext } from './index.js'

/** What a source passes with a result. */
export interface SinkOptions {
  /** When the report arrived. @default now */
  receivedAt?: Date
  /** The payload the result was read from, the id of the adapter that read it, and the context it was read in. */
  payload?: { adapter: string; payload: unknown; context?: NormalizeContext }
}

/**
 * A destination for normalized results: `createTracker()` is one.
 * @example createWebhookHandler({ sources: { easypost: easypost() }, secrets, sink: tracker })
 */
export interface ResultSink {
  ingestResult(result: NormalizeResult, options?: SinkOptions): Promise<unknown>
  /**
   * The adapters the sink reads payloads with, by id (a tracker's). When present, a source checks when it is
   * created that the sink has the adapter of each of its payloads.
   */
  readonly adapters?: ReadonlyMap<string, unknown>
}
