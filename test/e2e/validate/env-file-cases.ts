/**
 * Tricky env file lines, each a whole file. The oracle test writes each into an env file, has the real
 * Compose CLI read it with --env-file, and compares what Compose made of every key with what
 * parseEnvText returns for the same flavor.
 */
export interface EnvCase {
  name: string;
  text: string;
  /** The keys to read back (absent ones too). */
  keys: string[];
  /** Variables of the environment Compose runs in (nothing else is inherited). */
  env?: Record<string, string>;
}

export const ENV_CASES: EnvCase[] = [
  { name: 'a key starting with a digit', text: '42TOKEN_URL=https://example.com\n', keys: ['42TOKEN_URL'] },
  { name: 'keys with dots, dashes, brackets and letters of any script', text: 'A.B=1\nA-B=2\nK_1=3\n_K=4\nÄ=5\nA[0]=6\n', keys: ['A.B', 'A-B', 'K_1', '_K', 'Ä', 'A[0]'] },
  { name: 'export', text: 'export A=1\nexport  B=2\nexportC=3\nexport\tD=4\nexport E\n', keys: ['A', 'B', 'C', 'exportC', 'D', 'E'] },
  { name: 'whitespace around = and the line', text: 'A = 1\nB= 2\nC =3\n  D=4\nE=5   \nF\t=\t6\nG=a  b\n', keys: ['A', 'B', 'C', 'D', 'E', 'F', 'G'] },
  { name: 'empty values and KEY alone', text: 'A=\nB=""\nC=\'\'\nD\nF= \n', keys: ['A', 'B', 'C', 'D', 'F'] },
  { name: 'comment lines', text: '# c\n  # indented\nA=1\n#B=2\n', keys: ['A', 'B'] },
  { name: 'inline comments on unquoted values', text: 'A=x#y\nB=x #y\nC=x\t#y\nD=x # y # z\nE=x## y\nF= #c\nG=#c\n', keys: ['A', 'B', 'C', 'D', 'E', 'F', 'G'] },
  { name: '# inside quotes and comments after them', text: 'A="x # y"\nB=\'x # y\'\nC="x" #c\nD=\'x\' # c\nE="x"#c\n', keys: ['A', 'B', 'C', 'D', 'E'] },
  { name: 'double-quoted escapes', text: 'A="x\\"y"\nB="a\\nb"\nC="a\\tb"\nD="a\\\\b"\nE="a\\rb"\nF="a\\qb"\nG="\\\'x"\nH="a\\\\nb"\nI="a\\bb"\nJ="\\x41"\n', keys: ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J'] },
  { name: 'single-quoted values', text: "A='x y'\nB='x\\'y'\nC='a\\nb'\nD='a\"b'\nE='a\\\\b\\c'\n", keys: ['A', 'B', 'C', 'D', 'E'] },
  { name: 'quotes inside unquoted values and = in values', text: 'A=x"y"\nB=a\'b\nC=a\\nb\nD=a=b==\nE="a=b"\n', keys: ['A', 'B', 'C', 'D', 'E'] },
  { name: 'multi-line quoted values', text: 'A="l1\nl2"\nB=\'l1\nl2\'\nC=3\n', keys: ['A', 'B', 'C'] },
  { name: 'a closing quote after an escaped backslash', text: 'A="a\\\\"\nB=2"\nC=3\n', keys: ['A', 'B', 'C'] },
  { name: 'a statement after the closing quote', text: 'A="x" B=2\nC=3\n', keys: ['A', 'B', 'C'] },
  { name: 'text after the closing quote', text: 'A="x"y\nB=2\n', keys: ['A', 'B', 'y'] },
  { name: 'a key set twice', text: 'A=1\nA=2\n', keys: ['A'] },
  { name: 'CRLF line ends', text: 'A=1\r\nB="x"\r\nC=\'y\'\r\nD=z # c\r\nE="l1\r\nl2"\r\nF\r\n', keys: ['A', 'B', 'C', 'D', 'E', 'F'] },
  { name: 'a byte order mark', text: '\uFEFFA=1\nB=2\n', keys: ['A', 'B'] },
  { name: 'no final newline', text: 'A=1\nB="x"', keys: ['A', 'B'] },
  { name: 'references to earlier lines', text: 'A=1\nB=$A\nC=${A}\nD=${A:-d}\nE=$$A\nF=\'$A\'\nG="$A"\nH=\'${A}\'\nI=${A}${A}\nJ=pre$A.post\n', keys: ['B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J'] },
  { name: 'references to unset and later variables', text: 'A=${Z}\nB=$Z-x\nC=${Z-d}\nD=${Z:+x}\nE=${B:+alt}\nF=${G}\nG=2\nH=${A:-d}\n', keys: ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'] },
  { name: 'nested defaults and escaped dollars', text: 'A=1\nB=${A:-${Z}}\nC=${A}x$$\nD=x\\$A\nE="x\\\\$A"\nF="a\\$b"\n', keys: ['B', 'C', 'D', 'E', 'F'] },
  { name: 'the environment against the file', text: 'X=file\nY=${X}\nW\nV=${W}\n', keys: ['X', 'Y', 'W', 'V'], env: { X: 'os', W: 'osw' } },
  { name: 'yaml-style KEY: value', text: 'A: 1\nB:2\nC=3\n', keys: ['A', 'B', 'C'] },
  { name: 'a required variable that is missing', text: 'A=${Z:?must be set}\nB=2\n', keys: ['A', 'B'] },
  { name: 'an unterminated double quote', text: 'A="x\nB=2\n', keys: ['A', 'B'] },
  { name: 'an unterminated single quote', text: "A=1\nB='x\nC=2\n", keys: ['A', 'B', 'C'] },
  { name: 'a line of words', text: 'A=1\nnot valid line\nC=2\n', keys: ['A', 'C'] },
  { name: 'a key with a space', text: 'A B=1\nC=2\n', keys: ['A', 'C'] },
  { name: 'a line starting with =', text: 'A=1\n=x\nB=2\n', keys: ['A', 'B'] },
  { name: 'a comment after KEY alone', text: 'A=1\nE #c\n', keys: ['A', 'E'] },
  { name: 'punctuation in a key', text: 'A+B=1\nC=2\n', keys: ['A+B', 'C'] },
  { name: 'an open ${', text: 'A=${B\nC=3\n', keys: ['A', 'C'] },
];
