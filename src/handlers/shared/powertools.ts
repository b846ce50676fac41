/** One place where every function's logger, metrics and tracer are made, under the service's name. */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { METRICS_NAMESPACE, SERVICE_NAME } from '../../contract/service.js';

export const logger = new Logger({ serviceName: SERVICE_NAME });
export const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAME });
// Traces every AWS SDK call as an X-Ray subsegment in Lambda; inert where no X-Ray daemon runs.
export const tracer = new Tracer({ serviceName: SERVICE_NAME });
