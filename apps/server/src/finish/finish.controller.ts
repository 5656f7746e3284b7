import { Controller } from '@nestjs/common';
import { api } from '@recflow/contracts';
import { Route } from '../http/route.decorator';
import { FinishOutbox } from './finish-outbox';

@Controller()
export class FinishController {
  constructor(private readonly outbox: FinishOutbox) {}

  @Route(api.finishEvents.backlog)
  backlog() {
    return this.outbox.backlog();
  }
}
