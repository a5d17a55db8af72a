/** Longer than any command; longer text is not parsed at all. */
export const MAX_COMMAND_LENGTH = 500;

/** A message as commands read it: white space collapsed, no case. */
export function normaliseCommand(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}
