/**
 * Alarms an operator acts on, delivered through one encrypted SNS topic (and by email when an
 * address is given at deployment).
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { ServiceFunction } from './service-function.js';

export interface MonitoringProps {
  readonly key: kms.IKey;
  /** Where alarm notifications are emailed; may be empty. */
  readonly alarmEmail: string;
}

export class Monitoring extends Construct {
  readonly topic: sns.Topic;
  private readonly notify: actions.SnsAction;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'AlarmTopic', { masterKey: props.key, enforceSSL: true });
    new sns.Subscription(this, 'AlarmEmailSubscription', { topic: this.topic, protocol: sns.SubscriptionProtocol.EMAIL, endpoint: props.alarmEmail });
    this.notify = new actions.SnsAction(this.topic);
  }

  /** Alarms when the metric reaches 1 in a five-minute period. */
  alarm(id: string, metric: cloudwatch.IMetric, description: string): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(this, id, {
      metric,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    });
    alarm.addAlarmAction(this.notify);
    return alarm;
  }

  alarmOnErrors(functions: readonly ServiceFunction[]): void {
    for (const fn of functions) {
      this.alarm(`${fn.node.id}Errors`, fn.function.metricErrors({ period: Duration.minutes(5) }), `Function ${fn.node.id} threw errors.`);
    }
  }
}
