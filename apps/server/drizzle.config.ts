import { defineConfig } from 'drizzle-kit';

// Generation only: migrations are applied by the server itself at start-up (src/db/migrator.ts).
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema/index.ts',
  out: '../../drizzle',
  casing: 'snake_case',
});
