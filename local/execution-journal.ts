/**
 * Every Step Functions execution, recorded under the data directory when it starts and when it
 * ends, so a runtime stopped in any way (kill -9 included) finds its unfinished executions at the
 * next start. One JSON line per event, appended synchronously before the API answers; compacted
 * to one line per execution at each start. A line cut short by a kill is ignored.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface ExecutionRecord {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  input: string;
  status: ExecutionStatus;
  /** Epoch milliseconds. */
  startDate: number;
  stopDate?: number;
  output?: string;
  error?: string;
  cause?: string;
}

export type ExecutionEnd = Pick<ExecutionRecord, 'status' | 'stopDate' | 'output' | 'error' | 'cause'>;

/** Step Functions keeps a closed Standard execution (and its name) for 90 days. */
const RETENTION_MS = 90 * 86_400_000;

type Line = ({ type: 'started' } & ExecutionRecord) | ({ type: 'ended'; executionArn: string } & ExecutionEnd);

export class ExecutionJournal {
  constructor(private readonly file: string) {
    mkdirSync(path.dirname(file), { recursive: true });
  }

  /** Every execution still kept, oldest first; rewrites the journal with one line per execution. */
  load(): ExecutionRecord[] {
    const executions = new Map<string, ExecutionRecord>();
    const text = existsSync(this.file) ? readFileSync(this.file, 'utf8') : '';
    for (const raw of text.split('\n')) {
      let line: Line;
      try {
        line = JSON.parse(raw) as Line;
      } catch {
        continue; // empty, or cut short by a kill while it was written
      }
      if (line.type === 'started') {
        const { type: _type, ...record } = line;
        executions.set(record.executionArn, record);
      } else {
        const record = executions.get(line.executionArn);
        if (record) Object.assign(record, pickEnd(line));
      }
    }
    const records = [...executions.values()].filter((record) => record.status === 'RUNNING' || Date.now() - (record.stopDate ?? record.startDate) < RETENTION_MS);
    const compacted = `${this.file}.compacting`;
    writeFileSync(compacted, records.map((record) => `${JSON.stringify({ type: 'started', ...record })}\n`).join(''));
    renameSync(compacted, this.file);
    return records;
  }

  started(record: ExecutionRecord): void {
    appendFileSync(this.file, `${JSON.stringify({ type: 'started', ...record })}\n`);
  }

  ended(executionArn: string, end: ExecutionEnd): void {
    appendFileSync(this.file, `${JSON.stringify({ type: 'ended', executionArn, ...pickEnd(end) })}\n`);
  }
}

function pickEnd({ status, stopDate, output, error, cause }: ExecutionEnd): ExecutionEnd {
  return { status, stopDate, ...(output !== undefined ? { output } : {}), ...(error !== undefined ? { error } : {}), ...(cause !== undefined ? { cause } : {}) };
}
