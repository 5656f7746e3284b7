/** Grade rules: unique names, and the default grade `none` keeps its name and cannot be deleted. */
import { Injectable } from '@nestjs/common';
import {
  type CreateGradeBody,
  DEFAULT_GRADE_NAME,
  ERROR_CODES,
  type GradeDto,
  type UpdateGradeBody,
} from '@recflow/contracts';
import { isUniqueViolation } from '../db/pg-errors';
import { ConflictError, InvalidStateError, NotFoundError } from '../shared/errors';
import { toGradeDto } from './channel.mapper';
import { GradeRepository } from './grade.repository';

@Injectable()
export class GradeService {
  constructor(private readonly grades: GradeRepository) {}

  async list(): Promise<GradeDto[]> {
    return (await this.grades.list()).map(toGradeDto);
  }

  async create(body: CreateGradeBody): Promise<GradeDto> {
    try {
      return toGradeDto(await this.grades.insert(body));
    } catch (error) {
      throw this.nameConflict(error, body.name);
    }
  }

  async update(id: string, body: UpdateGradeBody): Promise<GradeDto> {
    const current = await this.grades.findById(id);
    if (!current) throw this.notFound(id);
    if (current.name === DEFAULT_GRADE_NAME && body.name !== undefined && body.name !== DEFAULT_GRADE_NAME) {
      throw new InvalidStateError(
        `The grade "${DEFAULT_GRADE_NAME}" cannot be renamed`,
        ERROR_CODES.grade.defaultImmutable,
      );
    }
    try {
      const updated = await this.grades.update(id, body);
      if (!updated) throw this.notFound(id);
      return toGradeDto(updated);
    } catch (error) {
      throw this.nameConflict(error, body.name);
    }
  }

  async remove(id: string): Promise<GradeDto> {
    const current = await this.grades.findById(id);
    if (!current) throw this.notFound(id);
    if (current.name === DEFAULT_GRADE_NAME) {
      throw new InvalidStateError(
        `The grade "${DEFAULT_GRADE_NAME}" cannot be deleted`,
        ERROR_CODES.grade.defaultImmutable,
      );
    }
    const result = await this.grades.deleteIfUnused(id);
    if ('inUse' in result) {
      throw new ConflictError(
        `Grade "${current.name}" is used by ${result.inUse} channel(s); move them to another grade first`,
        ERROR_CODES.grade.inUse,
      );
    }
    if (!result.deleted) throw this.notFound(id);
    return toGradeDto(result.deleted);
  }

  private notFound(id: string) {
    return new NotFoundError(`No grade with id ${id}`, ERROR_CODES.grade.notFound);
  }

  private nameConflict(error: unknown, name: string | undefined) {
    if (isUniqueViolation(error, 'channel_grade_name_key')) {
      return new ConflictError(`A grade named "${name}" already exists`, ERROR_CODES.grade.alreadyExists, [
        { field: 'body.name', message: 'already exists' },
      ]);
    }
    return error;
  }
}
