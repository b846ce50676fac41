/** Wording shared by the emails a provider receives. */
export const greeting = (name: string) => `Dear ${name},`;
export const PROVIDER_FOOTER = 'You receive this email because you submitted credentialing documents through our provider portal.';
