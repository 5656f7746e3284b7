import { Controller } from '@nestjs/common';
import { api, type RouteInput } from '@recflow/contracts';
import { Input, Route } from '../http/route.decorator';
import { CriterionService } from './criterion.service';

@Controller()
export class CriterionController {
  constructor(private readonly criteria: CriterionService) {}

  @Route(api.criteria.history)
  history(@Input() { params }: RouteInput<typeof api.criteria.history>) {
    return this.criteria.historyOf(params.id);
  }

  @Route(api.criteria.rules)
  rules() {
    return this.criteria.rules();
  }

  @Route(api.criteria.listChzzk)
  listChzzk() {
    return this.criteria.list('chzzk');
  }

  @Route(api.criteria.listSoop)
  listSoop() {
    return this.criteria.list('soop');
  }

  @Route(api.criteria.createChzzk)
  createChzzk(@Input() { body }: RouteInput<typeof api.criteria.createChzzk>) {
    return this.criteria.create({ ...body, platform: 'chzzk' });
  }

  @Route(api.criteria.createSoop)
  createSoop(@Input() { body }: RouteInput<typeof api.criteria.createSoop>) {
    return this.criteria.create({ ...body, platform: 'soop' });
  }

  @Route(api.criteria.addUnit)
  addUnit(@Input() { body }: RouteInput<typeof api.criteria.addUnit>) {
    return this.criteria.addUnit(body);
  }

  @Route(api.criteria.removeUnit)
  removeUnit(@Input() { params }: RouteInput<typeof api.criteria.removeUnit>) {
    return this.criteria.removeUnit(params.id);
  }

  @Route(api.criteria.update)
  update(@Input() { params, body }: RouteInput<typeof api.criteria.update>) {
    return this.criteria.update(params.id, body);
  }

  @Route(api.criteria.remove)
  remove(@Input() { params }: RouteInput<typeof api.criteria.remove>) {
    return this.criteria.remove(params.id);
  }
}
