import { Module } from '@nestjs/common';
import { S3Objects } from '../upstream/s3/s3-objects';
import { RecordingController } from './recording.controller';
import { RecordingRepository } from './recording.repository';
import { RecordingCatalog } from './recording-catalog';

/** Recordings: finished lives with their loss reports, and the objects they left in S3. */
@Module({
  controllers: [RecordingController],
  providers: [RecordingRepository, RecordingCatalog, S3Objects],
  exports: [RecordingRepository],
})
export class RecordingModule {}
