/**
 * The recnode HTTP API (interfaces.md): list a node's recordings with stats, start and cancel one.
 * Every call has the node's own timeout, so a slow or dead node affects only the calls made to it.
 * Answers are told apart as recnode means them: 404 "Not found LiveState" on start means the state
 * is missing, 422 with a string detail means "already recording" (FastAPI's own validation 422
 * carries an array), 404 on cancel means the live is already gone.
 */
import { Injectable } from '@nestjs/common';
import {
  RECNODE_DETAIL,
  RecnodeError,
  RecnodeOk,
  type RecnodeRecording,
  RecnodeRecordingList,
} from '@recflow/contracts';
import { AppConfig } from '../../config/app-config';
import { UpstreamError } from '../../shared/errors';
import { callJson } from '../http-json';
import { UpstreamStats } from '../upstream-stats';

export const RECNODE = 'recnode';

export type StartOutcome = 'started' | 'already_recording' | 'state_missing';
export type CancelOutcome = 'cancelled' | 'not_found';

function detailOf(error: UpstreamError): string | undefined {
  if (!error.upstreamBody) return undefined;
  try {
    const parsed = RecnodeError.safeParse(JSON.parse(error.upstreamBody));
    return parsed.success && typeof parsed.data.detail === 'string' ? parsed.data.detail : undefined;
  } catch {
    return undefined;
  }
}

@Injectable()
export class RecnodeClient {
  constructor(
    private readonly config: AppConfig,
    private readonly stats: UpstreamStats,
  ) {}

  private headers() {
    return { authorization: `Bearer ${this.config.values.RECNODE_API_TOKEN}` };
  }

  async recordings(
    endpoint: string,
    timeoutMs = this.config.values.HTTP_TIMEOUT_MS,
  ): Promise<RecnodeRecording[]> {
    // Only `stats`: `full_stats` can answer 500 while a segment is downloading (interfaces.md).
    const answer = await callJson(this.stats, {
      service: RECNODE,
      url: `${endpoint}/api/recordings?fields=stats`,
      schema: RecnodeRecordingList,
      timeoutMs,
      headers: this.headers(),
    });
    return answer!.recordings;
  }

  async start(endpoint: string, liveId: string): Promise<StartOutcome> {
    try {
      await callJson(this.stats, {
        service: RECNODE,
        method: 'POST',
        url: `${endpoint}/api/recordings/${encodeURIComponent(liveId)}`,
        schema: RecnodeOk,
        timeoutMs: this.config.values.HTTP_TIMEOUT_MS,
        headers: this.headers(),
      });
      return 'started';
    } catch (error) {
      if (error instanceof UpstreamError && error.kind === 'status') {
        const detail = detailOf(error);
        if (error.upstreamStatus === 422 && detail === RECNODE_DETAIL.alreadyRecording)
          return 'already_recording';
        if (error.upstreamStatus === 404 && detail === RECNODE_DETAIL.notFoundLiveState)
          return 'state_missing';
      }
      throw error;
    }
  }

  async cancel(endpoint: string, liveId: string): Promise<CancelOutcome> {
    try {
      await callJson(this.stats, {
        service: RECNODE,
        method: 'DELETE',
        url: `${endpoint}/api/recordings/${encodeURIComponent(liveId)}`,
        schema: RecnodeOk,
        timeoutMs: this.config.values.HTTP_TIMEOUT_MS,
        headers: this.headers(),
      });
      return 'cancelled';
    } catch (error) {
      if (error instanceof UpstreamError && error.kind === 'status' && error.upstreamStatus === 404)
        return 'not_found';
      throw error;
    }
  }
}
