import { describe, expect, it } from 'vitest';
import { safeNext } from './safe-next';

describe('where to go after signing in', () => {
  it('keeps paths of the app', () => {
    expect(safeNext('/organizations?type=company')).toBe('/organizations?type=company');
  });
  it('refuses other sites, the API and the login page itself', () => {
    for (const bad of [
      'https://evil.example',
      '//evil.example',
      '/\\evil.example',
      '/api/auth/me',
      '/login',
      '',
      null,
    ]) {
      expect(safeNext(bad)).toBe('/');
    }
  });
});
