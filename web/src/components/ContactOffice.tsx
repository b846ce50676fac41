/** How to reach the office: its name, email and phone from config.json, as links. */
import { useAuth } from '../auth/AuthProvider.js';

export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^+\d]/g, '')}`;
}

export function ContactOffice() {
  const { office } = useAuth().config;
  const ways = [
    office.contactEmail && (
      <a key="email" href={`mailto:${office.contactEmail}`}>
        {office.contactEmail}
      </a>
    ),
    office.contactPhone && (
      <a key="phone" href={telHref(office.contactPhone)}>
        {office.contactPhone}
      </a>
    ),
  ].filter(Boolean);
  return (
    <>
      the {office.officeName}
      {ways.length > 0 && (
        <>
          {' at '}
          {ways.length === 2 ? (
            <>
              {ways[0]} or {ways[1]}
            </>
          ) : (
            ways[0]
          )}
        </>
      )}
    </>
  );
}
