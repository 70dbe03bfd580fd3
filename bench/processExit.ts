// Preloaded (`node --require`) into each whole process the bench times: at exit it writes the process's peak
// memory (all threads: max RSS) and CPU time to the file named by ALIGNMENT_NOTES_BENCH_EXIT.
import { writeFileSync } from 'node:fs';

const file = process.env.ALIGNMENT_NOTES_BENCH_EXIT;
if (file) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ maxRssMiB: usage.maxRSS / 1024, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 }));
  });
}
