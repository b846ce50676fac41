import { ENV } from '../../../contract/environment.js';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SesMailer } from '../../../adapters/ses-mailer.js';
import { optionalEnv, requireEnv } from '../environment.js';
import { tracer } from '../powertools.js';
import { once } from './once.js';

export const mailer = once(() => new SesMailer(tracer.captureAWSv3Client(new SESv2Client({})), requireEnv(ENV.senderAddress), optionalEnv(ENV.sesConfigurationSet)));
