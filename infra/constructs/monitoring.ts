/**
 * Alarms an operator acts on, delivered through one encrypted SNS topic (and by email when an
 * address is given at deployment).
 */
import { CfnCondition, Duration, Fn, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE, SERVICE_NAME } from '../../src/contract/service.js';
import type { ServiceFunction } from './service-function.js';

export interface MonitoringProps {
  /** Where alarm notifications are emailed; may be empty (then no subscription is created). */
  readonly alarmEmail: string;
}

export class Monitoring extends Construct {
  readonly topic: sns.Topic;
  /** Encrypts the alarm topic only: CloudWatch may use it, and it guards no data. */
  readonly topicKey: kms.Key;
  private readonly notify: actions.SnsAction;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const { account } = Stack.of(this);
    this.topicKey = new kms.Key(this, 'AlarmTopicKey', { description: 'Encrypts the alarm topic', enableKeyRotation: true, removalPolicy: RemovalPolicy.RETAIN });
    // CloudWatch alarms publish to an encrypted topic only if CloudWatch may use its key.
    this.topicKey.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': account } },
      }),
    );
    this.topic = new sns.Topic(this, 'AlarmTopic', { masterKey: this.topicKey, enforceSSL: true });
    const subscription = new sns.Subscription(this, 'AlarmEmailSubscription', { topic: this.topic, protocol: sns.SubscriptionProtocol.EMAIL, endpoint: props.alarmEmail });
    (subscription.node.defaultChild as sns.CfnSubscription).cfnOptions.condition = new CfnCondition(this, 'HasAlarmEmail', {
      expression: Fn.conditionNot(Fn.conditionEquals(props.alarmEmail, '')),
    });
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

  /** A count our functions publish (Powertools' embedded metrics, with the `service` dimension). */
  serviceMetric(metricName: string): cloudwatch.Metric {
    return new cloudwatch.Metric({ namespace: METRICS_NAMESPACE, metricName, dimensionsMap: { service: SERVICE_NAME }, statistic: 'Sum', period: Duration.minutes(5) });
  }

  alarmOnErrors(functions: readonly ServiceFunction[]): void {
    for (const fn of functions) {
      this.alarm(`${fn.node.id}Errors`, fn.function.metricErrors({ period: Duration.minutes(5) }), `Function ${fn.node.id} threw errors.`);
    }
  }
}
