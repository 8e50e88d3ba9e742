import { hash, verify } from '@node-rs/argon2';

/** argon2id with the library defaults (19 MiB, t=2), as OWASP recommends. */
export const hashPassword = (password: string) => hash(password);

const DUMMY_HASH_PROMISE = hash('not-a-real-password-0000');

/** Constant-ish time: an unknown user still costs one argon2 verification. */
export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) {
    await verify(await DUMMY_HASH_PROMISE, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}

/** Password policy: at least 10 characters with a letter and a digit, not containing the username. */
export function passwordProblems(password: string, username: string): string[] {
  const problems: string[] = [];
  if (password.length < 10) problems.push('min_length_10');
  if (password.length > 200) problems.push('max_length_200');
  if (!/\p{L}/u.test(password)) problems.push('needs_letter');
  if (!/\d/.test(password)) problems.push('needs_digit');
  if (username && password.toLowerCase().includes(username.toLowerCase())) problems.push('contains_username');
  return problems;
}

export const PASSWORD_PROBLEM_TEXT: Record<string, { vi: string; en: string }> = {
  min_length_10: { vi: 'Mật khẩu cần ít nhất 10 ký tự', en: 'At least 10 characters' },
  max_length_200: { vi: 'Mật khẩu tối đa 200 ký tự', en: 'At most 200 characters' },
  needs_letter: { vi: 'Mật khẩu cần có chữ cái', en: 'Needs a letter' },
  needs_digit: { vi: 'Mật khẩu cần có chữ số', en: 'Needs a digit' },
  contains_username: { vi: 'Mật khẩu không được chứa tên đăng nhập', en: 'Must not contain the username' },
};
