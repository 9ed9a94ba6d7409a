import { readFileSync, readdirSync } from 'node:fs';

/** CPU seconds used so far by this process (all threads) */
export function ownCpu(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/**
 * CPU seconds used so far by the local PostgreSQL server's processes (from /proc), or null
 * when the server is not on this machine or /proc is not readable.
 */
export function postgresCpu(): number | null {
  try {
    let ticks = 0;
    let found = false;
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      } catch {
        continue;
      }
      const name = /\(([^)]*)\)/.exec(stat)?.[1] ?? '';
      if (!name.startsWith('postgres')) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
      found = true;
    }
    return found ? ticks / 100 : null;
  } catch {
    return null;
  }
}
