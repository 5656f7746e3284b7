import { Controller } from '@nestjs/common';
import { api, type RouteInput } from '@recflow/contracts';
import { Input, Route } from '../http/route.decorator';
import { RecordingCatalog } from './recording-catalog';

@Controller()
export class RecordingController {
  constructor(private readonly catalog: RecordingCatalog) {}

  @Route(api.recordings.list)
  list(@Input() { query }: RouteInput<typeof api.recordings.list>) {
    return this.catalog.list(query);
  }

  @Route(api.recordings.objects)
  objects(@Input() { params }: RouteInput<typeof api.recordings.objects>) {
    return this.catalog.objects(params.liveId);
  }
}
