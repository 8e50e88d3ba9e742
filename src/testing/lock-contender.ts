// One contender for a directory lock, run as its own process by src/db/dir-lock.test.ts. It prints
// "ready", then obeys lines on stdin: "go <lock path>" tries to take that lock (the test sends it to
// every contender at once) and prints the outcome as JSON; "release" lets go of what it holds.
// It releases and exits when stdin closes.
import readline from 'node:readline';
import { acquireDirLock } from '../db/dir-lock';

const lines = readline.createInterface({ input: process.stdin });
const held: (() => void)[] = [];

lines.on('line', (line) => {
  const [command, lockPath] = line.trim().split(' ');
  if (command === 'release') {
    for (const release of held.splice(0)) release();
    process.stdout.write('released\n');
  } else if (command === 'go' && lockPath) {
    try {
      held.push(acquireDirLock(lockPath));
      process.stdout.write(`${JSON.stringify({ pid: process.pid, acquired: true })}\n`);
    } catch (err) {
      process.stdout.write(`${JSON.stringify({ pid: process.pid, acquired: false, error: (err as Error).message })}\n`);
    }
  }
});
lines.on('close', () => {
  for (const release of held.splice(0)) release();
  process.exit(0);
});
process.stdout.write('ready\n');
