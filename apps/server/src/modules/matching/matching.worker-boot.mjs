// Entry of the matching index worker thread (see matching.worker-main.ts). The server runs TypeScript
// through tsx; a worker thread needs tsx's loader registered in it too (harmless when inherited).
import { register } from 'tsx/esm/api';

register();
await import('./matching.worker-main.ts');
