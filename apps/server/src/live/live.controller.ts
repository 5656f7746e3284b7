import { Controller } from '@nestjs/common';
import { api, type RouteInput } from '@recflow/contracts';
import { Input, Route } from '../http/route.decorator';
import { LiveDeleter } from './live-deleter';
import { LiveFinisher } from './live-finisher';
import { LiveQueryService } from './live-query';
import { LiveRegistrar } from './live-registrar';
import { NodeDrainer } from './node-drainer';

@Controller()
export class LiveController {
  constructor(
    private readonly registrar: LiveRegistrar,
    private readonly query: LiveQueryService,
    private readonly deleter: LiveDeleter,
    private readonly drainer: NodeDrainer,
    private readonly finisher: LiveFinisher,
  ) {}

  @Route(api.lives.drain)
  drain(@Input() { body }: RouteInput<typeof api.lives.drain>) {
    return this.drainer.start(body);
  }

  @Route(api.lives.drainProgress)
  drainProgress(@Input() { params }: RouteInput<typeof api.lives.drainProgress>) {
    return this.drainer.progress(params.id);
  }

  @Route(api.lives.undrain)
  undrain(@Input() { body }: RouteInput<typeof api.lives.undrain>) {
    return this.drainer.undrain(body);
  }

  @Route(api.lives.remove)
  remove(@Input() { body }: RouteInput<typeof api.lives.remove>) {
    if (body.cmd === 'delete') return this.deleter.remove(body);
    return this.finisher.request(body.recordId, body.cmd, body.isPurge, 'operator');
  }

  @Route(api.lives.list)
  list(@Input() { query }: RouteInput<typeof api.lives.list>) {
    return this.query.list(query);
  }

  @Route(api.lives.all)
  all() {
    return this.query.list({
      status: ['initializing', 'recording', 'finalizing', 'deleted', 'failed'],
      limit: 1000,
    });
  }

  @Route(api.lives.get)
  get(@Input() { params }: RouteInput<typeof api.lives.get>) {
    return this.query.get(params.id);
  }

  @Route(api.lives.create)
  async create(@Input() { body }: RouteInput<typeof api.lives.create>) {
    const id = await this.registrar.register({
      platform: body.platformName,
      channelUid: body.sourceId,
      stream: body.stream ?? null,
      nodeCount: body.nodeCount,
      nodeIds: body.nodeIds,
      groupIds: body.groupIds,
      domesticOnly: body.domesticOnly,
      overseasFirst: body.overseasFirst,
    });
    const [live] = await this.query.list({
      ids: [id],
      status: ['initializing', 'recording', 'finalizing', 'deleted', 'failed'],
      limit: 1,
    });
    return live;
  }
}
