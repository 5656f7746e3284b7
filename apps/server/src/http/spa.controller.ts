/**
 * Serves the dashboard: any GET that is not an API, admin or health route gets index.html, so
 * client-side routes survive a reload. Unknown API routes answer 404 problem+json.
 */

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Controller, Get, Req, Res } from '@nestjs/common';
import { ERROR_CODES } from '@recflow/contracts';
import type { Request, Response } from 'express';
import { AppConfig } from '../config/app-config';
import { NotFoundError } from '../shared/errors';
import { webDistDir } from './web-dist';

@Controller()
export class SpaController {
  private readonly indexHtml: string | undefined;

  constructor(config: AppConfig) {
    const dir = webDistDir(config);
    const index = dir ? join(dir, 'index.html') : undefined;
    this.indexHtml = index && existsSync(index) ? index : undefined;
  }

  @Get('{*path}')
  serve(@Req() req: Request, @Res() res: Response) {
    if (/^\/(api|admin)(\/|$)/.test(req.path)) {
      throw new NotFoundError(`No route ${req.method} ${req.path}`, ERROR_CODES.route.notFound);
    }
    if (!this.indexHtml) {
      res
        .status(404)
        .type('text/plain')
        .send(
          'The dashboard is not built. Run `pnpm build`, or use the API under /api (reference at /api/docs).',
        );
      return;
    }
    res.sendFile(this.indexHtml);
  }
}
