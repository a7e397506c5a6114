export const say = (line: string) => process.stderr.write(`[chaos] ${line}\n`);
