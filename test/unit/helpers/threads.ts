import { readdirSync, readFileSync } from 'node:fs';

/**
 * How many threads of this process run at each nice value, on Linux (a nice value belongs to a thread there: field
 * 19 of each thread's `stat`); undefined elsewhere, where no such listing exists.
 */
export function threadsByNice(): Map<number, number> | undefined {
  let tasks: string[];
  try {
    tasks = readdirSync('/proc/self/task');
  } catch {
    return undefined;
  }
  const counts = new Map<number, number>();
  for (const task of tasks) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/self/task/${task}/stat`, 'utf8');
    } catch {
      continue; // a thread that ended since the listing
    }
    // The fields after the command's closing parenthesis start at field 3 (the state).
    const nice = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
    counts.set(nice, (counts.get(nice) ?? 0) + 1);
  }
  return counts;
}
