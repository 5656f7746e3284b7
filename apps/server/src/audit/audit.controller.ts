import { Controller } from '@nestjs/common';
import { type AuditEventDto, api, type RouteInput } from '@recflow/contracts';
import { iso } from '../channel/channel.mapper';
import { Input, Route } from '../http/route.decorator';
import { AuditLog } from './audit-log';

const toDto = (row: Awaited<ReturnType<AuditLog['ofLive']>>[number]): AuditEventDto => ({
  ...row,
  at: iso(row.at),
  details: row.details ?? null,
});

@Controller()
export class AuditController {
  constructor(private readonly audit: AuditLog) {}

  @Route(api.audit.ofLive)
  async ofLive(@Input() { params }: RouteInput<typeof api.audit.ofLive>) {
    return (await this.audit.ofLive(params.id)).map(toDto);
  }

  @Route(api.audit.ofNode)
  async ofNode(@Input() { params }: RouteInput<typeof api.audit.ofNode>) {
    return (await this.audit.ofNode(params.id)).map(toDto);
  }
}
