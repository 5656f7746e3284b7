import { Controller } from '@nestjs/common';
import { api, type RouteInput } from '@recflow/contracts';
import { Input, Route } from '../http/route.decorator';
import { TagService } from './tag.service';

@Controller()
export class TagController {
  constructor(private readonly tags: TagService) {}

  @Route(api.tags.list)
  list() {
    return this.tags.list();
  }

  @Route(api.tags.create)
  create(@Input() { body }: RouteInput<typeof api.tags.create>) {
    return this.tags.create(body);
  }

  // Declared before the `:id` routes' siblings so `/attach` and `/detach` are never taken for an id.
  @Route(api.tags.attach)
  attach(@Input() { body }: RouteInput<typeof api.tags.attach>) {
    return this.tags.attach(body.channelId, body.tagName);
  }

  @Route(api.tags.detach)
  detach(@Input() { body }: RouteInput<typeof api.tags.detach>) {
    return this.tags.detach(body.channelId, body.tagId);
  }

  @Route(api.tags.update)
  update(@Input() { params, body }: RouteInput<typeof api.tags.update>) {
    return this.tags.update(params.id, body);
  }

  @Route(api.tags.remove)
  remove(@Input() { params }: RouteInput<typeof api.tags.remove>) {
    return this.tags.remove(params.id);
  }
}
