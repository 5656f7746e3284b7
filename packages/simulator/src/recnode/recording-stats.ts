/** A recording's counters, rendered as recnode's `stats` object (durations in seconds). */
import type { RecnodeRecordingStats } from '@recflow/contracts';

export class RecordingCounters {
  processed = 0;
  failed = 0;
  segmentRequests = 0;
  m3u8Retries = 0;
  segmentRetries = 0;
  private segmentMs = 0;
  private m3u8Ms = 0;
  private m3u8Requests = 0;

  segmentRequest(durationMs: number): void {
    this.segmentRequests++;
    this.segmentMs += durationMs;
  }

  m3u8Request(durationMs: number): void {
    this.m3u8Requests++;
    this.m3u8Ms += durationMs;
  }

  /** `processing` is the downloads in flight now (recnode's `processing_total`). */
  toStats(processing: number): RecnodeRecordingStats {
    const avg = (total: number, count: number) => (count === 0 ? 0 : total / count);
    return {
      processing_total: processing,
      failed_total: this.failed,
      segment_request_total: this.segmentRequests,
      m3u8_request_retries_total: this.m3u8Retries,
      segment_request_retries_total: this.segmentRetries,
      segment_request_retries_avg: avg(this.segmentRetries, this.processed),
      segment_request_duration_avg: avg(this.segmentMs, this.segmentRequests) / 1000,
      m3u8_request_duration_avg: avg(this.m3u8Ms, this.m3u8Requests) / 1000,
    };
  }
}
