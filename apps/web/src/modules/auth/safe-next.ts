/** A same-app path to go back to after signing in; anything else falls back to the home page. */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next.startsWith('/api') || next.startsWith('/login')) return '/';
  return next;
}
