/** One place for the service name: every function logs and measures under it. */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';

export const serviceName = 'credentialing-intake';
export const logger = new Logger({ serviceName });
export const metrics = new Metrics({ namespace: 'CredentialingIntake', serviceName });
// Traces every AWS SDK call as an X-Ray subsegment in Lambda; inert where no X-Ray daemon runs.
export const tracer = new Tracer({ serviceName });
