/** Reads a string field of Action.Execute data; anything else (missing, a number, an object) is ''. */
export function text(data: Readonly<Record<string, unknown>>, key: string): string {
  const value = data[key];
  return typeof value === 'string' ? value : '';
}
