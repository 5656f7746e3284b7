import { Module } from '@nestjs/common';
import { ChannelController } from './channel.controller';
import { ChannelRepository } from './channel.repository';
import { ChannelService } from './channel.service';
import { ChannelImporter } from './channel-importer';
import { ChannelQueryRepository } from './channel-query.repository';
import { ChannelRefreshRepository } from './channel-refresh.repository';
import { ChannelRefresher } from './channel-refresher';
import { FollowedChannels } from './followed-channels';
import { GradeController } from './grade.controller';
import { GradeRepository } from './grade.repository';
import { GradeService } from './grade.service';
import { PlatformRepository } from './platform.repository';
import { TagController } from './tag.controller';
import { TagRepository } from './tag.repository';
import { TagService } from './tag.service';

/** Channels, grades, tags and platforms. Grade and tag routes are registered before `/api/channels/:id`. */
@Module({
  controllers: [GradeController, TagController, ChannelController],
  providers: [
    PlatformRepository,
    GradeRepository,
    GradeService,
    TagRepository,
    TagService,
    ChannelRepository,
    ChannelQueryRepository,
    ChannelService,
    ChannelImporter,
    ChannelRefreshRepository,
    ChannelRefresher,
    FollowedChannels,
  ],
  exports: [
    ChannelService,
    ChannelRepository,
    PlatformRepository,
    GradeRepository,
    ChannelRefresher,
    FollowedChannels,
  ],
})
export class ChannelModule {}
