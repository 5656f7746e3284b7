import { Controller } from '@nestjs/common';
import { api, type RouteInput } from '@recflow/contracts';
import { Input, Route } from '../http/route.decorator';
import { GradeService } from './grade.service';

@Controller()
export class GradeController {
  constructor(private readonly grades: GradeService) {}

  @Route(api.grades.list)
  list() {
    return this.grades.list();
  }

  @Route(api.grades.create)
  create(@Input() { body }: RouteInput<typeof api.grades.create>) {
    return this.grades.create(body);
  }

  @Route(api.grades.update)
  update(@Input() { params, body }: RouteInput<typeof api.grades.update>) {
    return this.grades.update(params.id, body);
  }

  @Route(api.grades.remove)
  remove(@Input() { params }: RouteInput<typeof api.grades.remove>) {
    return this.grades.remove(params.id);
  }
}
