import { Module } from '@nestjs/common';
import { ChannelModule } from '../channel/channel.module';
import { ActiveCriteria } from './active-criteria';
import { CriterionController } from './criterion.controller';
import { CriterionRepository } from './criterion.repository';
import { CriterionService } from './criterion.service';
import { CriterionSearch } from './criterion-search';
import { LiveHistory } from './live-history';

/** Criteria: the operator's search rules, their units and the fixed rule kinds. */
@Module({
  imports: [ChannelModule],
  controllers: [CriterionController],
  providers: [CriterionRepository, CriterionService, ActiveCriteria, LiveHistory, CriterionSearch],
  exports: [CriterionService, CriterionRepository, ActiveCriteria, LiveHistory, CriterionSearch],
})
export class CriterionModule {}
