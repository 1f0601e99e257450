import { hash, verify } from '@node-rs/argon2';
import { commonPasswords } from './common-passwords';

/**
 * Password rules (see docs/security.md): at least 10 characters, at most 128, and not one
 * of the most common passwords (case-insensitive). This follows NIST SP 800-63B §5.1.1.2:
 * length and a blocklist, no composition rules, no forced rotation.
 */
export function passwordProblem(password: string, username?: string): string | null {
  if (password.length < 10) return 'The password must have at least 10 characters.';
  if (password.length > 128) return 'The password must have at most 128 characters.';
  const lower = password.toLowerCase();
  if (commonPasswords.has(lower)) return 'This password is among the most commonly used; choose another.';
  if (username && lower.includes(username.toLowerCase()))
    return 'The password must not contain the username.';
  if (/^(.)\1+$/.test(password)) return 'The password must not repeat one character.';
  return null;
}

/** argon2id with the library's defaults (m=19 MiB, t=2, p=1: OWASP's minimum recommendation). */
export const hashPassword = (password: string): Promise<string> => hash(password);

export const verifyPassword = async (passwordHash: string, password: string): Promise<boolean> => {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
};

// A fixed hash verified for unknown usernames, so a login takes as long for them as for real ones.
let dummyHash: Promise<string> | undefined;
export const verifyAgainstDummy = async (password: string): Promise<void> => {
  dummyHash ??= hash('not-a-real-password-for-timing');
  await verifyPassword(await dummyHash, password);
};
