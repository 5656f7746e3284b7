import { Controller } from '@nestjs/common';
import { api, type RouteInput } from '@recflow/contracts';
import { Input, Route } from '../http/route.decorator';
import { toPlatformDto } from './channel.mapper';
import { ChannelService } from './channel.service';
import { ChannelImporter } from './channel-importer';
import { PlatformRepository } from './platform.repository';

@Controller()
export class ChannelController {
  constructor(
    private readonly channels: ChannelService,
    private readonly importer: ChannelImporter,
    private readonly platforms: PlatformRepository,
  ) {}

  @Route(api.platforms.list)
  async listPlatforms() {
    return (await this.platforms.list()).map(toPlatformDto);
  }

  @Route(api.channels.query)
  query(@Input() { query }: RouteInput<typeof api.channels.query>) {
    return this.channels.query(query);
  }

  @Route(api.channels.import)
  import(@Input() { body }: RouteInput<typeof api.channels.import>) {
    return this.importer.import(body);
  }

  @Route(api.channels.get)
  get(@Input() { params }: RouteInput<typeof api.channels.get>) {
    return this.channels.get(params.id);
  }

  @Route(api.channels.create)
  create(@Input() { body }: RouteInput<typeof api.channels.create>) {
    return this.channels.create(body);
  }

  @Route(api.channels.update)
  update(@Input() { params, body }: RouteInput<typeof api.channels.update>) {
    return this.channels.update(params.id, body);
  }

  @Route(api.channels.remove)
  remove(@Input() { params }: RouteInput<typeof api.channels.remove>) {
    return this.channels.remove(params.id);
  }
}
