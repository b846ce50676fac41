/**
 * Where the time from submit to RECEIVED goes, state by state, read from the execution's history
 * (`GetExecutionHistory`, which AWS answers the same way): when each state of the intake workflow
 * ran, relative to the submit request, over every round of the bench.
 */
import { GetExecutionHistoryCommand, type HistoryEvent, type SFNClient } from '@aws-sdk/client-sfn';
import { median } from './section.js';

interface Span {
  name: string;
  start: number;
  end: number;
}

/** Each state's run from its Entered to its Exited event, paired along `previousEventId` (lanes of a Map stay apart). */
export function stateSpans(events: HistoryEvent[]): Span[] {
  const byId = new Map(events.map((event) => [event.id!, event]));
  const spans: Span[] = [];
  for (const exited of events.filter((event) => event.type?.endsWith('StateExited'))) {
    const name = exited.stateExitedEventDetails!.name!;
    let at = byId.get(exited.previousEventId!);
    while (at && !(at.type?.endsWith('StateEntered') && at.stateEnteredEventDetails?.name === name)) at = byId.get(at.previousEventId!);
    if (at) spans.push({ name, start: at.timestamp!.getTime(), end: exited.timestamp!.getTime() });
  }
  return spans;
}

export async function executionHistory(sfn: SFNClient, executionArn: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn, includeExecutionData: false, maxResults: 1000, nextToken }));
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}

/** One submission: when it was submitted and the submit request answered, when RECEIVED was seen, and its states. */
export interface TimedRound {
  submittedAt: number;
  answeredAt: number;
  seenAt: number;
  spans: Span[];
}

/** A table of the states that started before RECEIVED was seen: how long each took, and when the last of its runs ended. */
export function timelineTable(rounds: TimedRound[]): string[] {
  const rows = new Map<string, { durations: number[]; ends: number[]; starts: number[] }>();
  const row = (name: string) => rows.get(name) ?? rows.set(name, { durations: [], ends: [], starts: [] }).get(name)!;
  for (const round of rounds) {
    const submit = row('the submit request (its update, audit append, StartExecution)');
    submit.durations.push(round.answeredAt - round.submittedAt);
    submit.starts.push(0);
    submit.ends.push(round.answeredAt - round.submittedAt);
    const names = new Set(round.spans.filter((span) => span.start < round.seenAt).map((span) => span.name));
    for (const name of names) {
      const runs = round.spans.filter((span) => span.name === name);
      const entry = row(name);
      entry.durations.push(...runs.map((span) => span.end - span.start));
      entry.starts.push(Math.min(...runs.map((span) => span.start)) - round.submittedAt);
      entry.ends.push(Math.max(...runs.map((span) => span.end)) - round.submittedAt);
    }
    const seen = row('RECEIVED seen by the poll (every way of polling)');
    seen.durations.push(0);
    seen.starts.push(round.seenAt - round.submittedAt);
    seen.ends.push(round.seenAt - round.submittedAt);
  }
  const lines = ['| step | each run, median (min–max) | first starts | last ends |', '|---|---:|---:|---:|'];
  const ms = (value: number) => `${Math.round(value)} ms`;
  for (const [name, { durations, starts, ends }] of [...rows].sort((a, b) => median(a[1].starts) - median(b[1].starts) || median(a[1].ends) - median(b[1].ends))) {
    const each = durations.some((value) => value > 0) ? `${ms(median(durations))} (${ms(Math.min(...durations))}–${ms(Math.max(...durations))})` : '–';
    lines.push(`| ${name} | ${each} | ${ms(median(starts))} | ${ms(median(ends))} |`);
  }
  return lines;
}
