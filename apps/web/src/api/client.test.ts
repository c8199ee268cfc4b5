import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, request, toQueryString } from './client';

afterEach(() => vi.unstubAllGlobals());

function answer(status: number, body: unknown, type = 'application/problem+json') {
  vi.stubGlobal(
    'fetch',
    vi.fn(
      async () =>
        new Response(body === null ? null : JSON.stringify(body), {
          status,
          headers: { 'content-type': type },
        }),
    ),
  );
}

describe('API client', () => {
  it('turns a problem+json answer into an ApiError with field paths relative to the body', async () => {
    answer(422, {
      type: 'x',
      title: 'Unprocessable Content',
      status: 422,
      code: 'validation.failed',
      detail: 'Some fields are not valid',
      errors: [{ field: 'body.offices.0.name', code: 'too_small', message: 'Too small' }],
    });
    const err = await request('POST', '/organizations', { body: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    const e = err as ApiError;
    expect([e.status, e.code, e.detail]).toEqual([422, 'validation.failed', 'Some fields are not valid']);
    expect(e.fieldErrors()['offices.0.name']?.code).toBe('too_small');
  });

  it('gives a code even when the answer is not a problem', async () => {
    answer(502, '<html>Bad gateway</html>', 'text/html');
    const e = (await request('GET', '/health').catch((x: unknown) => x)) as ApiError;
    expect([e.status, e.code]).toEqual([502, 'http.502']);
  });

  it('reports an unreachable server as network.unreachable', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    const e = (await request('GET', '/health').catch((x: unknown) => x)) as ApiError;
    expect([e.status, e.code]).toEqual([0, 'network.unreachable']);
  });

  it('sends JSON with the session cookie and returns nothing for 204', async () => {
    const fetchMock = vi.fn(async () => new Response(null, { status: 204 }));
    vi.stubGlobal('fetch', fetchMock);
    await expect(request('POST', '/auth/logout', { body: {} })).resolves.toBeUndefined();
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/auth/logout');
    expect(init.credentials).toBe('same-origin');
    expect((init.headers as Record<string, string>)['content-type']).toBe('application/json');
  });

  it('builds query strings without empty values', () => {
    expect(
      toQueryString({ q: 'caffè & co', type: undefined, accredited: 'true', cursor: '', limit: 25 }),
    ).toBe('?q=caff%C3%A8+%26+co&accredited=true&limit=25');
    expect(toQueryString({})).toBe('');
  });
});
