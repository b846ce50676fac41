/**
 * The provider directory in the intake table: one profile item per provider (`PROVIDER#id`) on
 * the sparse byDirectoryName index, written set-if-newer at submit, read by family name (a search
 * is a filter on the index's small projection; docs/performance-and-cost.md "Provider directory").
 */
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { INTAKE_INDEXES } from '../contract/tables.js';
import { directorySortKey, listedNameOf, searchText } from '../domain/provider-directory.js';
import type { Provider } from '../domain/submission.js';
import type { DirectoryEntry, DirectoryQuery, ProviderDirectory } from '../ports/provider-directory.js';
import type { Page } from '../ports/submission-repository.js';
import { conditionalUpdate, conditionHeld } from './dynamodb-conditional-update.js';
import { decodeToken, encodeToken, INVALID_TOKEN, refusedToken, type TokenShape } from './dynamodb-index-pages.js';

const INDEX = INTAKE_INDEXES.providerDirectory;
/** The index's one partition: every provider who ever submitted. */
const DIRECTORY = 'PROVIDER';
export const providerKey = (providerId: string) => ({ pk: `PROVIDER#${providerId}`, sk: '#PROVIDER' });
const TOKENS: TokenShape = { keys: new Set(['pk', 'sk', INDEX.partitionKey, INDEX.sortKey]), pkPrefix: 'PROVIDER#', sk: '#PROVIDER' };
/** Reads of a search before it answers with what it found (each reads up to 1 MB of profiles, ≈ 4,000). */
const MAX_READS = 10;

export class DynamoDbProviderDirectory implements ProviderDirectory {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async recordSubmission(provider: Provider, submittedAt: string, submissionId: string): Promise<boolean> {
    const sortKey = directorySortKey(provider);
    const names = Object.fromEntries(Object.entries({ givenName: provider.givenName, familyName: provider.familyName }).filter(([, value]) => value));
    // A submission without them (sent before they were kept) leaves none of an earlier one's.
    const absent = ['givenName', 'familyName'].filter((name) => !(name in names));
    const profile = {
      providerId: provider.providerId,
      name: provider.name,
      ...names,
      email: provider.email,
      lastSubmittedAt: submittedAt,
      lastSubmissionId: submissionId,
      searchText: searchText(provider.name, provider.email),
      [INDEX.partitionKey]: DIRECTORY,
      [INDEX.sortKey]: sortKey,
    };
    // A newer submission writes (the submission id breaks a tie of instants): fifty at once leave the newest.
    // The one her profile holds writes only to file her again (a key from before family-name order),
    // so the directory job re-files old profiles and never writes over a newer submission's.
    return conditionHeld(
      conditionalUpdate(
        this.db,
        this.tableName,
        providerKey(provider.providerId),
        profile,
        {
          expression: 'attribute_not_exists(pk) OR #at < :at OR (#at = :at AND (#id < :id OR (#id = :id AND #key <> :key)))',
          values: { ':at': submittedAt, ':id': submissionId, ':key': sortKey },
        },
        {
          names: { '#at': 'lastSubmittedAt', '#id': 'lastSubmissionId', '#key': INDEX.sortKey, ...Object.fromEntries(absent.map((name) => [`#${name}`, name])) },
          remove: absent.map((name) => `#${name}`),
        },
      ),
    );
  }

  /**
   * Without terms, a page is `limit` profiles read by key. With terms, DynamoDB filters after it
   * reads, so this reads on past the page (up to `MAX_READS` times) until one more match than the
   * page holds is found: the token then points at the page's last profile, and a page is never
   * left short while matches remain within reach.
   */
  async list(query: DirectoryQuery): Promise<Page<DirectoryEntry>> {
    const matches: Record<string, unknown>[] = [];
    let startKey = decodeToken(query.nextToken, TOKENS);
    // Every key of a profile on the index, in the directory's partition: nothing else is a place in this listing.
    if (startKey && (startKey[INDEX.partitionKey] !== DIRECTORY || Object.keys(startKey).length !== TOKENS.keys.size)) throw INVALID_TOKEN();
    const filter = query.terms.length > 0;
    for (let read = 0; read < MAX_READS && matches.length <= query.limit; read++) {
      const result = await this.db
        .send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: INDEX.name,
            KeyConditionExpression: '#pk = :pk',
            ...(filter ? { FilterExpression: query.terms.map((_, i) => `contains(#text, :t${i})`).join(' AND ') } : { Limit: query.limit + 1 - matches.length }),
            ExpressionAttributeNames: { '#pk': INDEX.partitionKey, ...(filter ? { '#text': 'searchText' } : {}) },
            ExpressionAttributeValues: { ':pk': DIRECTORY, ...Object.fromEntries(query.terms.map((term, i) => [`:t${i}`, ` ${term}`])) },
            ExclusiveStartKey: startKey,
          }),
        )
        .catch(refusedToken);
      matches.push(...(result.Items ?? []));
      startKey = result.LastEvaluatedKey;
      if (!startKey) break;
    }
    const items = matches.slice(0, query.limit);
    const last = items.at(-1);
    const resumeAt = matches.length > query.limit && last ? keyOf(last) : startKey;
    const nextToken = encodeToken(resumeAt);
    return { items: items.map(toEntry), ...(nextToken ? { nextToken } : {}) };
  }
}

const keyOf = (item: Record<string, unknown>) => Object.fromEntries([...TOKENS.keys].map((key) => [key, item[key]]));

const toEntry = (item: Record<string, unknown>): DirectoryEntry => ({
  providerId: item.providerId as string,
  name: item.name as string,
  // The index projects no given or family name (a deployed index's projection cannot change): her key says where it starts.
  listedName: listedNameOf(item.name as string, item[INDEX.sortKey] as string),
  email: item.email as string,
  lastSubmittedAt: item.lastSubmittedAt as string,
});
