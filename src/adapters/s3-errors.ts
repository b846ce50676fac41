/** The S3 error code of a failed call (the SDK names its errors after them). */
export function errorName(error: unknown): string {
  return (error as { name?: string; Code?: string } | null)?.name ?? (error as { Code?: string } | null)?.Code ?? '';
}
