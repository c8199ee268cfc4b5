import { hash, verify } from '@node-rs/argon2';

// argon2id (algorithm 2) with OWASP-recommended parameters: 19 MiB, 2 passes, 1 lane.
const OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(hashed: string | null, password: string): Promise<boolean> {
  if (!hashed) {
    // Spend comparable time when the account has no password, so timing does not reveal it.
    await hash(password, OPTIONS);
    return false;
  }
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}

/** A fixed hash used to equalise timing for unknown e-mail addresses. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash() {
  dummyHash ??= hashPassword('trama-timing-equaliser-0000');
  return dummyHash;
}
