/** `/api/openapi.json` and the browsable reference at `/api/docs` (Swagger UI served locally). */
import { Controller, Get, Header } from '@nestjs/common';
import { buildOpenApiDocument } from './openapi';

const VERSION = '0.1.0';

export const DOCS_ASSETS_PATH = '/api/docs/assets';

const DOCS_HTML = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <title>recflow API reference</title>
  <link rel="stylesheet" href="${DOCS_ASSETS_PATH}/swagger-ui.css" />
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="${DOCS_ASSETS_PATH}/swagger-ui-bundle.js"></script>
  <script>
    window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true });
  </script>
</body>
</html>`;

@Controller()
export class DocsController {
  private readonly document = buildOpenApiDocument(VERSION);

  @Get('/api/openapi.json')
  openapi() {
    return this.document;
  }

  @Get('/api/docs')
  @Header('content-type', 'text/html; charset=utf-8')
  docs() {
    return DOCS_HTML;
  }
}
