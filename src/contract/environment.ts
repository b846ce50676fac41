/**
 * Environment variables the stack gives each function (its `bind*` helpers) and the handlers'
 * wiring reads. The local runtime sets the same names from the template.
 */
export const ENV = {
  intakeTable: 'INTAKE_TABLE_NAME',
  auditTable: 'AUDIT_TABLE_NAME',
  auditAnchorBucket: 'AUDIT_ANCHOR_BUCKET_NAME',
  documentsBucket: 'DOCUMENTS_BUCKET_NAME',
  s3ForcePathStyle: 'S3_FORCE_PATH_STYLE',
  senderAddress: 'SENDER_ADDRESS',
  sesConfigurationSet: 'SES_CONFIGURATION_SET',
  stateMachineArn: 'STATE_MACHINE_ARN',
  reviewOutcomeStateMachineArn: 'REVIEW_OUTCOME_STATE_MACHINE_ARN',
  portalUrl: 'PORTAL_URL',
  portalOrigin: 'PORTAL_ORIGIN',
  reviewBusinessDays: 'REVIEW_BUSINESS_DAYS',
  reviewTimeZone: 'REVIEW_TIME_ZONE',
  // The office every email names (OfficeContact): set on every function that sends email.
  organizationName: 'ORGANIZATION_NAME',
  officeName: 'OFFICE_NAME',
  contactEmail: 'CONTACT_EMAIL_ADDRESS',
  contactPhone: 'CONTACT_PHONE_NUMBER',
  /** `GuardDuty` or `Builtin` (see malware-scanning.ts). */
  malwareScanning: 'MALWARE_SCANNING',
} as const;
export type EnvName = (typeof ENV)[keyof typeof ENV];
