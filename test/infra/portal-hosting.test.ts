/**
 * The portal in AWS: CloudFront answers the portal's pages (paths naming no file) with index.html,
 * through a viewer-request function built from the contract's rule, and a missing file with S3's
 * 404 (the origin may list the bucket, for this distribution only) and the portal's not-found page,
 * never index.html. The portal
 * bucket keeps an overwritten index.html or config.json for 30 days, not forever.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { App } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../infra/project-root.js';
import { buildStack } from '../../infra/stacks.js';

type Resource = { Type: string; Properties: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
type QueryString = Record<string, { value: string }>;
interface ViewerRequest {
  method: string;
  uri: string;
  querystring: QueryString;
  headers: Record<string, { value: string }>;
  cookies: Record<string, { value: string }>;
}

let template: Template;
let annotations: Annotations;

beforeAll(() => {
  // Prepare: a stand-in portal build, no bundling; cdk-nag on (synthesis fails on any unacknowledged finding).
  const portal = mkdtempSync(path.join(tmpdir(), 'portal-'));
  writeFileSync(path.join(portal, 'index.html'), '<!doctype html><title>portal</title>');
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = buildStack(app, { portalAssetPath: portal, nag: true });
  template = Template.fromStack(stack);
  annotations = Annotations.fromStack(stack);
});

const only = (type: string, fragment = ''): [string, Resource] => {
  const found = Object.entries(template.findResources(type) as Record<string, Resource>).filter(([id]) => id.includes(fragment));
  expect(found.map(([id]) => id)).toHaveLength(1);
  return found[0]!;
};

/** The viewer-request function as CloudFront runs it: its code alone, in a fresh context. */
function viewerRequestHandler(): (event: unknown) => ViewerRequest {
  const [, fn] = only('AWS::CloudFront::Function');
  const context = vm.createContext({});
  vm.runInContext(fn.Properties.FunctionCode as string, context);
  return context.handler as (event: unknown) => ViewerRequest;
}

const viewerRequest = (uri: string, querystring: QueryString = {}) => ({
  version: '1.0',
  context: { eventType: 'viewer-request', distributionDomainName: 'd111111abcdef8.cloudfront.net' },
  viewer: { ip: '198.51.100.7' },
  request: { method: 'GET', uri, querystring, headers: { host: { value: 'd111111abcdef8.cloudfront.net' } }, cookies: {} },
});

describe('which requests get index.html', () => {
  it('runs a CloudFront Function (JS 2.0) on every viewer request of the portal', () => {
    const [functionId, fn] = only('AWS::CloudFront::Function');
    expect(fn.Properties).toMatchObject({ AutoPublish: true, FunctionConfig: { Runtime: 'cloudfront-js-2.0' } });
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultCacheBehavior: Match.objectLike({ FunctionAssociations: [{ EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [functionId, 'FunctionARN'] } }] }),
      }),
    });
  });

  it('sends the portal\'s pages to /index.html, query string kept, and every file path to S3 as asked', () => {
    const handler = viewerRequestHandler();
    const uriFor = (uri: string) => handler(viewerRequest(uri)).uri;

    // Pages: the last segment names no file (the router decides what they show).
    for (const page of ['/', '/review/queue', '/submissions/abc-123', '/review/queue/', '/staff/providers/', '/v1.2/submissions/abc-123', '/no-such-page']) {
      expect({ page, uri: uriFor(page) }).toEqual({ page, uri: '/index.html' });
    }
    // Files: asked of S3 as they are, so a missing one is S3's 404.
    for (const file of ['/assets/a.js', '/assets/UploadPage-abc.js', '/config.json', '/favicon.ico', '/favicon-missing.png', '/index.html', '/licenses/heic-to.txt', '/assets/v1.2/a.css']) {
      expect({ file, uri: uriFor(file) }).toEqual({ file, uri: file });
    }
    // CloudFront passes the query string apart from the path; it goes on untouched either way.
    const replaces = { replaces: { value: 'doc-1' } };
    expect(handler(viewerRequest('/upload', replaces))).toMatchObject({ uri: '/index.html', querystring: replaces, method: 'GET' });
    const version = { v: { value: '2' } };
    expect(handler(viewerRequest('/assets/a.js', version))).toMatchObject({ uri: '/assets/a.js', querystring: version });
  });

  it('answers a missing file 404 with the portal\'s not-found page, never 200 and never index.html', () => {
    const [, distribution] = only('AWS::CloudFront::Distribution');
    expect(distribution.Properties.DistributionConfig.CustomErrorResponses).toEqual([{ ErrorCode: 404, ResponseCode: 404, ResponsePagePath: '/404.html', ErrorCachingMinTTL: 60 }]);
    // The page is a plain file of the build: no script, so it can stand in for no chunk.
    const page = readFileSync(path.join(PROJECT_ROOT, 'web', 'public', '404.html'), 'utf8');
    expect(page).toContain('<a href="/">Go to the portal</a>');
    expect(page).not.toMatch(/<script|<link rel="stylesheet"/);
  });

  it('lets S3 say 404 for a missing key: ListBucket for this distribution only, nothing else listed', () => {
    const [bucketId] = only('AWS::S3::Bucket', 'PortalBucket');
    const [distributionId] = only('AWS::CloudFront::Distribution');
    const policy = Object.values(template.findResources('AWS::S3::BucketPolicy', { Properties: { Bucket: { Ref: bucketId } } }) as Record<string, Resource>);
    expect(policy).toHaveLength(1);
    const listing = (policy[0]!.Properties.PolicyDocument.Statement as Record<string, unknown>[]).filter((statement) => JSON.stringify(statement.Action).includes('s3:List'));
    expect(listing).toEqual([
      expect.objectContaining({
        Effect: 'Allow',
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Action: ['s3:GetObject', 's3:ListBucket'],
        Resource: [{ 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, '/*']] }, { 'Fn::GetAtt': [bucketId, 'Arn'] }],
        Condition: { StringEquals: { 'AWS:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':cloudfront::', { Ref: 'AWS::AccountId' }, ':distribution/', { Ref: distributionId }]] } } },
      }),
    ]);
    // No viewer request lists the bucket: `/` is a page (index.html), and no query string (list-type, prefix) reaches S3 (CachingOptimized, no origin request policy).
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({ DefaultRootObject: 'index.html', DefaultCacheBehavior: Match.objectLike({ CachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6', OriginRequestPolicyId: Match.absent() }) }),
    });
    // CDK warns about LIST on a default behaviour; the reason above is acknowledged in code.
    annotations.hasNoWarning('*', Match.stringLikeRegexp('listBucketSecurityRisk'));
  });
});

describe('what the portal bucket keeps', () => {
  it('expires overwritten versions after 30 days and abandoned multipart uploads, and never a current file by age', () => {
    const [, bucket] = only('AWS::S3::Bucket', 'PortalBucket');
    expect(bucket.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    const rules = bucket.Properties.LifecycleConfiguration?.Rules as Record<string, unknown>[] | undefined;
    expect(rules).toEqual([
      expect.objectContaining({ Status: 'Enabled', NoncurrentVersionExpiration: { NoncurrentDays: 30 }, ExpiredObjectDeleteMarker: true }),
      expect.objectContaining({ Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 } }),
    ]);
    // The whole bucket, index.html and config.json included; no current file by age (a file's date is the last deploy that wrote it, not whether the live index names it).
    for (const rule of rules!) {
      expect(rule.Prefix).toBeUndefined();
      expect(rule.ExpirationInDays).toBeUndefined();
      expect(rule.ExpirationDate).toBeUndefined();
    }
  });
});
