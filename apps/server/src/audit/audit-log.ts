/**
 * Writes and reads audit events. Writers hand over a batch and never fail because of it: a lost
 * audit line is logged, the operation it describes goes on.
 */
import { Injectable, Logger } from '@nestjs/common';
import { desc, eq } from 'drizzle-orm';
import { DatabaseHandle } from '../db/db.module';
import { auditEvent } from '../db/schema';

export interface AuditEntry {
  kind: string;
  message: string;
  liveId?: string | null;
  nodeId?: string | null;
  details?: Record<string, unknown>;
}

@Injectable()
export class AuditLog {
  private readonly logger = new Logger('AuditLog');

  constructor(private readonly handle: DatabaseHandle) {}

  async record(...entries: AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    try {
      await this.handle.database.db.insert(auditEvent).values(
        entries.map((e) => ({
          kind: e.kind,
          message: e.message,
          liveId: e.liveId ?? null,
          nodeId: e.nodeId ?? null,
          details: e.details,
        })),
      );
    } catch (error) {
      this.logger.warn(
        `audit events not written (${(error as Error).message}): ${entries.map((e) => e.kind).join(', ')}`,
      );
    }
  }

  ofLive(liveId: string, limit = 200) {
    return this.handle.database.db
      .select()
      .from(auditEvent)
      .where(eq(auditEvent.liveId, liveId))
      .orderBy(desc(auditEvent.at), desc(auditEvent.id))
      .limit(limit);
  }

  ofNode(nodeId: string, limit = 200) {
    return this.handle.database.db
      .select()
      .from(auditEvent)
      .where(eq(auditEvent.nodeId, nodeId))
      .orderBy(desc(auditEvent.at), desc(auditEvent.id))
      .limit(limit);
  }
}
