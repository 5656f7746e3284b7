import { Controller } from '@nestjs/common';
import { api, ERROR_CODES, type RouteInput, type TaskDto } from '@recflow/contracts';
import { Input, Route } from '../http/route.decorator';
import { NotFoundError } from '../shared/errors';
import { TaskEngine } from './task-engine';
import { TaskRunLog } from './task-run-log';

@Controller()
export class TasksController {
  constructor(
    private readonly engine: TaskEngine,
    private readonly runLog: TaskRunLog,
  ) {}

  @Route(api.tasks.list)
  async list(): Promise<TaskDto[]> {
    const tasks = this.engine.list();
    const totals = await this.runLog.totals(tasks.map((t) => t.name));
    return tasks.map((t) => ({ ...t, ...totals.get(t.name)! }));
  }

  @Route(api.tasks.runs)
  async runs(@Input() { params, query }: RouteInput<typeof api.tasks.runs>) {
    if (!this.engine.list().some((t) => t.name === params.name)) {
      throw new NotFoundError(`No scheduled task named "${params.name}"`, ERROR_CODES.task.notFound);
    }
    return this.runLog.recent(params.name, query.limit);
  }
}
