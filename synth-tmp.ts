import { App } from 'aws-cdk-lib';
import { buildStack, STACK_NAME } from './infra/stacks.js';
const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
buildStack(app, { nag: true });
const t = app.synth().getStackByName(STACK_NAME).template;
const pick = Object.fromEntries(Object.entries(t.Resources).filter(([id]: any) => id.startsWith('MalwareProtection') || id.startsWith('ScanDocument') || id.includes('DocumentsBucketPolicy')));
console.log(JSON.stringify({ Parameters: t.Parameters.MalwareScanning, Conditions: t.Conditions, Rules: t.Rules, pick }, null, 1));
