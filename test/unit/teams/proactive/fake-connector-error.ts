/**
 * An error shaped like the one botframework-connector throws for an HTTP failure: an
 * @azure/core-rest-pipeline RestError with Teams' error code from the body and response headers
 * that answer get(name) case-insensitively.
 */
export function connectorError(status: number, code?: string, headers: Record<string, string> = {}): Error {
  const byLowerCaseName = new Map(
    Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]),
  );
  return Object.assign(new Error(`Teams answered ${status}`), {
    name: 'RestError',
    statusCode: status,
    code,
    response: { status, headers: { get: (name: string) => byLowerCaseName.get(name.toLowerCase()) } },
  });
}
