import { Module } from '@nestjs/common';
import { ChannelModule } from '../channel/channel.module';
import { FinishModule } from '../finish/finish.module';
import { LiveModule } from '../live/live.module';
import { NodeModule } from '../node/node.module';
import { AdminBoard } from './admin-board';
import { ChannelCacheCheckTask } from './channel-cache-check.task';
import { ChannelRefreshTask } from './channel-refresh.task';
import { FinishRelayTask } from './finish-relay.task';
import { LiveAllocationTask } from './live-allocation.task';
import {
  LiveCleanupTask,
  LiveRefreshTask,
  LiveRegisterCriteriaTask,
  LiveRegisterFollowedTask,
  LiveStreamAuditTask,
  LiveStreamDetectionTask,
} from './live-detection.tasks';
import { LiveFinishResumeTask } from './live-finish-resume.task';
import { LiveInvalidRecoveryTask } from './live-invalid-recovery.task';
import { LiveRecoveryTask } from './live-recovery.task';
import { LiveStateCleanupTask } from './live-state-cleanup.task';
import { NodeResetTask } from './node-reset.task';
import { OnDemandWorkers } from './on-demand-workers';
import { PERIODIC_TASKS, type PeriodicTask } from './periodic-task';
import { TaskEngine } from './task-engine';
import { TaskRunLog } from './task-run-log';
import { TasksController } from './tasks.controller';

/** Adding a periodic task: one task file, and one line in TASKS. */
const TASKS = [
  ChannelRefreshTask,
  ChannelCacheCheckTask,
  NodeResetTask,
  LiveAllocationTask,
  LiveRecoveryTask,
  LiveInvalidRecoveryTask,
  LiveRegisterFollowedTask,
  LiveRegisterCriteriaTask,
  LiveRefreshTask,
  LiveStreamDetectionTask,
  LiveStreamAuditTask,
  FinishRelayTask,
  LiveCleanupTask,
  LiveStateCleanupTask,
  LiveFinishResumeTask,
];

@Module({
  imports: [ChannelModule, NodeModule, LiveModule, FinishModule],
  controllers: [TasksController],
  providers: [
    ...TASKS,
    { provide: PERIODIC_TASKS, useFactory: (...tasks: PeriodicTask[]) => tasks, inject: TASKS },
    TaskRunLog,
    TaskEngine,
    AdminBoard,
    OnDemandWorkers,
  ],
  exports: [AdminBoard, TaskEngine],
})
export class TasksModule {}
