/**
 * What the first create of a client token decided (`POST /submissions` with `clientToken`): a
 * repeat of that request finishes and answers this submission instead of making another.
 */
export interface CreateClaim {
  submissionId: string;
  documentIds: string[];
  createdAt: string;
  /** The request's documents as parsed (`canonicalHash`): a repeat must send the same ones. */
  fingerprint: string;
}

export interface CreateRequests {
  /**
   * Claims the provider's token for `claim`, kept until `expiresAt` (the store deletes it some
   * time after). Returns the claim that holds: `claim` itself when this request came first,
   * otherwise the earlier one, unchanged.
   */
  claim(providerId: string, clientToken: string, claim: CreateClaim, expiresAt: Date): Promise<CreateClaim>;
}
