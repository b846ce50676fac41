#!/usr/bin/env node
/** CDK app: `npx cdk deploy --parameters SenderEmailAddress=credentialing@your-domain.org`. */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { buildStack } from './stacks.js';

const app = new App();
const portal = path.resolve(import.meta.dirname, '../web/dist');
buildStack(app, { portalAssetPath: existsSync(portal) ? portal : undefined });
app.synth();
