/**
 * The portal's viewer-request CloudFront Function: a request for one of the portal's pages (the
 * contract's `PORTAL_PAGE_PATH`) is sent to /index.html; any other path goes to S3 as asked, so a
 * missing file is S3's 404 rather than index.html with 200.
 */
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import type { Construct } from 'constructs';
import { PORTAL_PAGE_PATH } from '../../src/contract/portal-routes.js';

/** The function's source: the contract's expression written in as a literal at synthesis. */
export function portalPagesFunctionCode(): string {
  return [
    `var PORTAL_PAGE_PATH = ${PORTAL_PAGE_PATH.toString()};`,
    'function handler(event) {',
    '  var request = event.request;',
    // `uri` is the path alone: CloudFront passes the query string apart, and it goes on unchanged.
    "  if (PORTAL_PAGE_PATH.test(request.uri)) request.uri = '/index.html';",
    '  return request;',
    '}',
  ].join('\n');
}

export function portalPagesFunction(scope: Construct, id: string): cloudfront.Function {
  return new cloudfront.Function(scope, id, {
    comment: 'Portal pages (paths naming no file) load index.html; files go to S3 as asked',
    runtime: cloudfront.FunctionRuntime.JS_2_0,
    code: cloudfront.FunctionCode.fromInline(portalPagesFunctionCode()),
  });
}
