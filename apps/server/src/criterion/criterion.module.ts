import { Module } from '@nestjs/common';
import { ChannelModule } from '../channel/channel.module';
import { CriterionController } from './criterion.controller';
import { CriterionRepository } from './criterion.repository';
import { CriterionService } from './criterion.service';

/** Criteria: the operator's search rules, their units and the fixed rule kinds. */
@Module({
  imports: [ChannelModule],
  controllers: [CriterionController],
  providers: [CriterionRepository, CriterionService],
  exports: [CriterionService, CriterionRepository],
})
export class CriterionModule {}
