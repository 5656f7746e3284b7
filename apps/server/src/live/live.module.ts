import { Module } from '@nestjs/common';
import { ChannelModule } from '../channel/channel.module';
import { CriterionModule } from '../criterion/criterion.module';
import { FinishModule } from '../finish/finish.module';
import { RecordingModule } from '../recording/recording.module';
import { BroadcastCheck } from './broadcast-check';
import { ClaimRepair } from './claim-repair';
import { CriterionPreview } from './criterion-preview';
import { CriterionPreviewController } from './criterion-preview.controller';
import { DetectionRepository } from './detection.repository';
import { LiveController } from './live.controller';
import { LiveRepository } from './live.repository';
import { LiveAllocationRepository } from './live-allocation.repository';
import { LiveAllocator } from './live-allocator';
import { LiveBalancer } from './live-balancer';
import { LiveCleaner } from './live-cleaner';
import { LiveDeleter } from './live-deleter';
import { LiveDetector } from './live-detector';
import { LiveFinisher } from './live-finisher';
import { LiveInvalidRecovery } from './live-invalid-recovery';
import { LiveNodeRepository } from './live-node.repository';
import { LiveQueryService } from './live-query';
import { LiveRecovery } from './live-recovery';
import { LiveRecoveryRepository } from './live-recovery.repository';
import { LiveRefresher } from './live-refresher';
import { LiveRegistrar } from './live-registrar';
import { LiveRestartRepository } from './live-restart.repository';
import { LiveStateCleaner } from './live-state-cleaner';
import { LiveStreamRepository } from './live-stream.repository';
import { NodeDrainer } from './node-drainer';
import { NodeHealth } from './node-health';
import { Notifications } from './notifications';
import { StreamWatch } from './stream-watch';

/** Lives: registration on nodes, allocation, and what the API shows of them. */
@Module({
  imports: [ChannelModule, CriterionModule, FinishModule, RecordingModule],
  controllers: [LiveController, CriterionPreviewController],
  providers: [
    NodeHealth,
    ClaimRepair,
    LiveRepository,
    LiveStreamRepository,
    LiveNodeRepository,
    LiveAllocator,
    LiveAllocationRepository,
    LiveBalancer,
    LiveRegistrar,
    LiveQueryService,
    LiveDeleter,
    LiveRecovery,
    LiveRecoveryRepository,
    NodeDrainer,
    Notifications,
    DetectionRepository,
    LiveDetector,
    LiveRefresher,
    StreamWatch,
    LiveFinisher,
    LiveCleaner,
    LiveStateCleaner,
    CriterionPreview,
    LiveRestartRepository,
    LiveInvalidRecovery,
    BroadcastCheck,
  ],
  exports: [
    LiveInvalidRecovery,
    LiveRegistrar,
    LiveRepository,
    LiveNodeRepository,
    LiveAllocator,
    LiveBalancer,
    LiveRecovery,
    NodeDrainer,
    Notifications,
    LiveDetector,
    LiveRefresher,
    StreamWatch,
    LiveFinisher,
    LiveCleaner,
    LiveStateCleaner,
  ],
})
export class LiveModule {}
