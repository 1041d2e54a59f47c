import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

/** The machine and its state when the run started: the numbers mean nothing without it. */
export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly os: string;
  readonly node: string;
  readonly v8: string;
  /** 1-minute load average when the run started: above the core count, other work was competing. */
  readonly loadAtStart: number;
  /** NODE_ENV in the processes measured: `production` unless the caller set another. */
  readonly nodeEnv: string;
  readonly date: string;
  /** The Corsica source measured: commit, and whether the work tree had uncommitted changes. */
  readonly source: string;
}

/** `/proc/cpuinfo` names the model where `os.cpus()` may only give the family. */
function cpuModel(): string {
  const fromOs = os.cpus()[0]?.model?.trim() ?? 'unknown';
  try {
    const info = readFileSync('/proc/cpuinfo', 'utf8');
    const model = /^model name\s*:\s*(.+)$/m.exec(info)?.[1]?.trim();
    return model !== undefined && model.length > fromOs.length ? model : fromOs;
  } catch {
    return fromOs;
  }
}

function osName(): string {
  try {
    const release = readFileSync('/etc/os-release', 'utf8');
    const pretty = /^PRETTY_NAME="?([^"\n]+)"?$/m.exec(release)?.[1];
    if (pretty !== undefined) return `${pretty} (${os.type()} ${os.release()}, ${os.arch()})`;
  } catch {
    // Not Linux, or no os-release: the kernel line below says enough.
  }
  return `${os.type()} ${os.release()} (${os.arch()})`;
}

function sourceRevision(): string {
  try {
    const git = (args: string[]): string =>
      execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const commit = git(['rev-parse', '--short', 'HEAD']);
    const dirty = git(['status', '--porcelain', '--', '../packages']) !== '';
    return dirty ? `${commit} with uncommitted changes` : commit;
  } catch {
    return 'unknown (not a git work tree)';
  }
}

export function describeMachine(): Machine {
  return {
    cpu: cpuModel(),
    cores: os.availableParallelism(),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: osName(),
    node: process.version,
    v8: process.versions.v8,
    loadAtStart: os.loadavg()[0] ?? 0,
    nodeEnv: process.env['NODE_ENV'] ?? '(unset)',
    date: new Date().toISOString(),
    source: sourceRevision(),
  };
}
