import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('the repository', () => {
  it('holds no unresolved merge in any tracked text file', () => {
    const files = execFileSync('git', ['ls-files'], { encoding: 'utf8' })
      .split('\n')
      .filter((f) => /\.(ts|tsx|md|json|sql|css|html|js|yml|yaml)$/.test(f) && fs.existsSync(f));
    const marked = files.filter((f) => /^\s*(<{7} |>{7} |(> ){7})/m.test(fs.readFileSync(f, 'utf8')));
    expect(marked).toEqual([]);
  });
});
