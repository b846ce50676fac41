/**
 * Who the emails and the portal's footer say is writing, and how to reach them. Stack
 * parameters (`OrganizationName`, `OfficeName`, `ContactEmailAddress`, `ContactPhoneNumber`),
 * given to every function that sends email and written into the portal's `config.json`.
 */
export interface OfficeContact {
  /** "Riverside Medical Group" */
  organizationName: string;
  /** "Credentialing Office" */
  officeName: string;
  /** The office's address: shown in every footer, and where the staff digest goes. */
  contactEmail: string;
  contactPhone: string;
}

/** The office's time zone when the deployment names none (`REVIEW_TIME_ZONE`): review dates, expiry days and reminders count in it. */
export const DEFAULT_OFFICE_TIME_ZONE = 'America/New_York';
