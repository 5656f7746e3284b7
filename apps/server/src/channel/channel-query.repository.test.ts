import { describe, expect, it } from 'vitest';
import { escapeLike } from './channel-query.repository';

describe('LIKE escaping', () => {
  it('makes %, _ and backslash match literally', () => {
    expect(escapeLike('50%_off\\')).toBe('50\\%\\_off\\\\');
    expect(escapeLike('plain')).toBe('plain');
  });
});
