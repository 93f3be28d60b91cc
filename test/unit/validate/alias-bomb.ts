/** Nine levels of ten aliases each: a few hundred bytes of YAML that expand to 10^9 scalars ("billion laughs"). */
export function aliasBomb(): string {
  const lines = ['x-0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 9; i++) lines.push(`x-${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
  return `${lines.join('\n')}\nservices:\n  web:\n    image: nginx:1\n    labels: { x: *a8 }\n`;
}
