/** Builds a value on first use and keeps it for the container's life. */
export function once<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= build());
}
