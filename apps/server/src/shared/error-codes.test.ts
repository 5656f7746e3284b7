/**
 * The API's error codes are declared once, in the contracts (ERROR_CODES), and the server refers to
 * them by name: a code written inline could drift from what the dashboard and scripts compare with.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_CODES } from '@recflow/contracts';
import { describe, expect, it } from 'vitest';

const SRC = join(__dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

const CODES = Object.values(ERROR_CODES).flatMap((codes) => Object.values(codes) as string[]);

/** Each inline `'domain.reason'` literal of a declared code; an audit event's `kind` may share the name. */
function inlineCodes(text: string): string[] {
  return CODES.filter((code) =>
    [...text.matchAll(new RegExp(`(kind: )?'${code.replace('.', '\\.')}'`, 'g'))].some((m) => !m[1]),
  );
}

describe('error codes', () => {
  it('are written nowhere in the server but through ERROR_CODES', () => {
    const offenders = sources(SRC).flatMap((file) =>
      inlineCodes(readFileSync(file, 'utf8')).map((code) => `${file.slice(SRC.length + 1)}: ${code}`),
    );
    expect(offenders).toEqual([]);
  });

  it('are each `domain.reason`, unique, and filed under their own domain', () => {
    const all = Object.entries(ERROR_CODES).flatMap(([domain, codes]) =>
      Object.values(codes).map((code) => ({ domain, code: code as string })),
    );
    expect(new Set(all.map((c) => c.code)).size).toBe(all.length);
    for (const { domain, code } of all) {
      expect(code).toMatch(/^[a-z_]+\.[a-z_]+$/);
      const camel = code.split('.')[0]!.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
      expect(camel).toBe(domain);
    }
  });
});
