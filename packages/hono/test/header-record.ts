/** A response's headers as one record (names lowercase, repeated lines joined), for exact comparisons. */
export function headerRecord(headers: Headers): Record<string, string> {
  const record: Record<string, string> = {};
  headers.forEach((value, name) => {
    record[name] = value;
  });
  return record;
}
