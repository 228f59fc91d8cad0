export interface DockerfileInstruction {
  /** Upper-case instruction: FROM, RUN, USER … */
  keyword: string;
  /** Its arguments, continuation lines joined with a space. */
  args: string;
  /** Line where it starts (1-based). */
  line: number;
}

/**
 * The instructions of a Dockerfile: comments and blank lines dropped, `\` continuations joined
 * (comment lines inside a continuation are skipped, as Docker does). Parser directives such as
 * `# syntax=` are comments here.
 */
export function parseDockerfile(source: string): DockerfileInstruction[] {
  const instructions: DockerfileInstruction[] = [];
  let current: { parts: string[]; line: number } | undefined;
  source.split('\n').forEach((raw, index) => {
    const text = raw.trim();
    if (text.startsWith('#') || (text === '' && !current)) return;
    const continued = text.endsWith('\\');
    const part = continued ? text.slice(0, -1).trim() : text;
    if (current) current.parts.push(part);
    else current = { parts: [part], line: index + 1 };
    if (continued) return;
    const joined = current.parts.filter((p) => p !== '').join(' ');
    const match = /^(\S+)\s*(.*)$/.exec(joined) as RegExpExecArray;
    instructions.push({ keyword: match[1].toUpperCase(), args: match[2], line: current.line });
    current = undefined;
  });
  if (current) throw new Error(`Dockerfile:${current.line}: continuation at end of file`);
  return instructions;
}

/** The stages: each FROM and the instructions up to the next FROM. */
export function dockerfileStages(
  instructions: DockerfileInstruction[],
): { from: DockerfileInstruction; body: DockerfileInstruction[] }[] {
  const stages: { from: DockerfileInstruction; body: DockerfileInstruction[] }[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') stages.push({ from: instruction, body: [] });
    else stages.at(-1)?.body.push(instruction);
  }
  return stages;
}
