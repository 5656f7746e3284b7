/**
 * Bull Board at /admin/queues: every queue recflow runs, for operators. It has no login of its
 * own; like the rest of recflow it sits behind the ingress SSO.
 */
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';

export const ADMIN_QUEUES_PATH = '/admin/queues';

@Injectable()
export class AdminBoard {
  readonly adapter = new ExpressAdapter();
  private readonly board = createBullBoard({ queues: [], serverAdapter: this.adapter });

  constructor() {
    this.adapter.setBasePath(ADMIN_QUEUES_PATH);
  }

  show(queues: Queue[]): void {
    this.board.replaceQueues(queues.map((q) => new BullMQAdapter(q, { readOnlyMode: false })));
  }
}
