/**
 * What each template resource is called locally: the values `Ref` and `Fn::GetAtt` resolve to.
 * Physical names are the logical ids (lower-cased for buckets); ARNs use a fixed local account.
 */
import { LOCAL_ACCOUNT, LOCAL_REGION } from './local-aws.js';
import { localBucketName, localTableName, type UserPoolIds } from './provision.js';
import type { LocalValues, Template } from './template.js';

export const localFunctionName = (logicalId: string) => logicalId;
export const localFunctionArn = (logicalId: string) => `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT}:function:${localFunctionName(logicalId)}`;
export const localStateMachineArn = (logicalId: string) => `arn:aws:states:${LOCAL_REGION}:${LOCAL_ACCOUNT}:stateMachine:${logicalId}`;
export const localRuleArn = (logicalId: string) => `arn:aws:events:${LOCAL_REGION}:${LOCAL_ACCOUNT}:rule/${logicalId}`;
export const localScheduleArn = (logicalId: string) => `arn:aws:scheduler:${LOCAL_REGION}:${LOCAL_ACCOUNT}:schedule/default/${logicalId}`;

export interface LocalSettings {
  pool: UserPoolIds;
  /** host:port of the local portal, which stands in for the CloudFront distribution. */
  portalHost: string;
  /** Values for template parameters without a usable default. */
  parameters: Record<string, string>;
}

export function localValues(template: Template, settings: LocalSettings): LocalValues {
  return {
    ref(id) {
      switch (id) {
        case 'AWS::Region':
          return LOCAL_REGION;
        case 'AWS::AccountId':
          return LOCAL_ACCOUNT;
        case 'AWS::Partition':
          return 'aws';
        case 'AWS::URLSuffix':
          return 'amazonaws.com';
        case 'AWS::StackName':
          return 'local';
      }
      if (id in settings.parameters) return settings.parameters[id];
      if (template.Parameters?.[id]) return String(template.Parameters[id]!.Default ?? '');
      switch (template.Resources[id]?.Type) {
        case 'AWS::DynamoDB::Table':
          return localTableName(id);
        case 'AWS::S3::Bucket':
          return localBucketName(id);
        case 'AWS::StepFunctions::StateMachine':
          return localStateMachineArn(id);
        case 'AWS::Lambda::Function':
          return localFunctionName(id);
        case 'AWS::Cognito::UserPool':
          return settings.pool.userPoolId;
        case 'AWS::Cognito::UserPoolClient':
          return settings.pool.userPoolClientId;
        default:
          return id;
      }
    },
    getAtt(id, attribute) {
      const type = template.Resources[id]?.Type;
      if (type === 'AWS::CloudFront::Distribution' && attribute === 'DomainName') return settings.portalHost;
      if (type === 'AWS::StepFunctions::StateMachine' && attribute === 'Name') return id;
      if (attribute !== 'Arn') return `${id}.${attribute}`;
      switch (type) {
        case 'AWS::Lambda::Function':
          return localFunctionArn(id);
        case 'AWS::DynamoDB::Table':
          return `arn:aws:dynamodb:${LOCAL_REGION}:${LOCAL_ACCOUNT}:table/${localTableName(id)}`;
        case 'AWS::S3::Bucket':
          return `arn:aws:s3:::${localBucketName(id)}`;
        case 'AWS::StepFunctions::StateMachine':
          return localStateMachineArn(id);
        case 'AWS::Events::Rule':
          return localRuleArn(id);
        case 'AWS::Scheduler::Schedule':
          return localScheduleArn(id);
        default:
          return `arn:aws:local:${LOCAL_REGION}:${LOCAL_ACCOUNT}:${id}`;
      }
    },
    // The portal is served over plain HTTP on loopback where AWS serves it from CloudFront over TLS.
    text: (value) => value.split(`https://${settings.portalHost}`).join(`http://${settings.portalHost}`),
  };
}
