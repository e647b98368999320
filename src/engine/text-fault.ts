/**
 * What is wrong with a piece of text a person typed (a name, a tag, a note): a rule a client can put
 * in its own words (the web app's catalogues), and the English sentence the API's `message` carries.
 */
export type TextFault = { rule: 'empty' } | { rule: 'too_long'; limit: number } | { rule: 'hidden_character'; character: string };

/** U+XXXX, the way a refused character is named. */
export function codePointName(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

export function textFaultMessage(fault: TextFault): string {
  switch (fault.rule) {
    case 'empty':
      return 'must not be empty or only spaces';
    case 'too_long':
      return `must be at most ${fault.limit} characters`;
    case 'hidden_character':
      return `must not contain invisible, control or direction-changing characters (${fault.character})`;
  }
}
