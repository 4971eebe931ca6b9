import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-rules.ts';

describe('passwordProblem', () => {
  it.each([
    ['pendek', 'operator.a', 'PASSWORD_TOO_SHORT'],
    ['123456789', 'operator.a', 'PASSWORD_TOO_SHORT'],
    ['operator.a-2026', 'operator.a', 'PASSWORD_HAS_USERNAME'],
    ['Rahasia-OPERATOR.A', 'operator.a', 'PASSWORD_HAS_USERNAME'],
    ['1234567890', 'operator.a', 'PASSWORD_COMMON'],
    ['Password123', 'operator.a', 'PASSWORD_COMMON'],
    ['BISMILLAH123', 'operator.a', 'PASSWORD_COMMON'],
    ['aaaaaaaaaaaa', 'operator.a', 'PASSWORD_COMMON'],
    ['abababababab', 'operator.a', 'PASSWORD_COMMON'],
  ])('refuses %j for %s (%s)', (password, username, code) => {
    const problem = passwordProblem(password, username);
    expect(problem?.code).toBe(code);
    expect(problem?.message).toMatch(/Kata sandi/);
  });

  it.each([
    ['kopi-tubruk-di-selong', 'operator.a'],
    ['Sembalun 2026 pagi!', 'camat.keruak'],
    ['user-password-for-tests', 'village.1.abc123'],
  ])('accepts %j for %s', (password, username) => {
    expect(passwordProblem(password, username)).toBeNull();
  });
});
