/**
 * What her authenticator app reads from the QR code (the standard otpauth:// key URI) and what she
 * types by hand (the secret in groups of four) when she turns two-step sign-in on.
 */
import { describe, expect, it } from 'vitest';
import { groupSecret, normalizeCode, otpauthUri } from '../../web/src/auth/two-step.js';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSW';

describe('the key URI in the QR code', () => {
  it('names the office as issuer and her email as account, each part encoded on its own', () => {
    // Act
    const uri = otpauthUri({ issuer: 'Riverside Medical Group', account: 'emily.johnson@example.org', secret: SECRET });
    // Assess: spaces as %20 (apps show "+" literally), the label's one colon unencoded
    expect(uri).toBe(`otpauth://totp/Riverside%20Medical%20Group:emily.johnson%40example.org?secret=${SECRET}&issuer=Riverside%20Medical%20Group`);
  });

  it('keeps a colon, ampersand or plus in the issuer or email from breaking the label or the parameters', () => {
    // Act
    const uri = otpauthUri({ issuer: 'St. Mary & Joseph: Credentialing', account: 'dana+mfa@example.org', secret: SECRET });
    // Assess: the app reads back exactly what was given
    const url = new URL(uri);
    expect(`${url.protocol}//${url.host}`).toBe('otpauth://totp');
    const [issuer, account, ...rest] = url.pathname.slice(1).split(':');
    expect(rest).toEqual([]);
    expect(decodeURIComponent(issuer!)).toBe('St. Mary & Joseph: Credentialing');
    expect(decodeURIComponent(account!)).toBe('dana+mfa@example.org');
    expect(url.searchParams.get('issuer')).toBe('St. Mary & Joseph: Credentialing');
    expect(url.searchParams.get('secret')).toBe(SECRET);
  });
});

describe('the secret she can type instead of scanning', () => {
  it('is shown in upper-case groups of four, the last group shorter', () => {
    expect(groupSecret('jbswy3dpehpk3pxpab')).toBe('JBSW Y3DP EHPK 3PXP AB');
    expect(groupSecret(SECRET).split(' ')).toHaveLength(13);
  });

  it('regroups a secret that already has spaces', () => {
    expect(groupSecret('JBSW Y3DP  EHPK')).toBe('JBSW Y3DP EHPK');
  });
});

describe('the code she types', () => {
  it('may have the space or dash her app shows in the middle', () => {
    expect(normalizeCode('123 456')).toBe('123456');
    expect(normalizeCode(' 123-456 ')).toBe('123456');
  });
});
