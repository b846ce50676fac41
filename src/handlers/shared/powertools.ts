/** One place for the service name: every function logs and measures under it. */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

export const serviceName = 'credentialing-intake';
export const logger = new Logger({ serviceName });
export const metrics = new Metrics({ namespace: 'CredentialingIntake', serviceName });
