// The reporter that names test files still running (scripts/slow-files.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TestCase, TestModule } from 'vitest/node';
import { SlowFiles } from '../../../scripts/slow-files.ts';

const file = (relativeModuleId: string, state = 'passed') => ({ relativeModuleId, state: () => state }) as unknown as TestModule;
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('slow-files', () => {
  it('names a file that has not ended after the delay, once, and not one that ended', async () => {
    const lines: string[] = [];
    const reporter = new SlowFiles(20, (line) => lines.push(line));
    reporter.onTestModuleStart(file('test/a.test.ts'));
    reporter.onTestModuleStart(file('test/b.test.ts'));
    reporter.onTestModuleEnd(file('test/b.test.ts'));
    await wait(80);
    assert.deepEqual(lines, ['slow-files: test/a.test.ts still running after 0.02 s']);
    reporter.onTestRunEnd();
  });

  it('tells the stall guard of progress as each test and file starts or ends, and which files passed', () => {
    const notes: string[] = [];
    const reporter = new SlowFiles(60_000, () => undefined, (note) => notes.push(note));
    reporter.onTestModuleStart(file('test/a.test.ts'));
    reporter.onTestCaseResult({} as TestCase);
    reporter.onTestCaseResult({} as TestCase);
    reporter.onTestModuleEnd(file('test/a.test.ts'));
    reporter.onTestModuleStart(file('test/b.test.ts'));
    reporter.onTestModuleEnd(file('test/b.test.ts', 'failed'));
    reporter.onTestRunEnd();
    assert.deepEqual(notes, ['.', '.', '.', '\npassed test/a.test.ts\n', '.', '.']);
  });

  it('names nothing once the run has ended', async () => {
    const lines: string[] = [];
    const reporter = new SlowFiles(20, (line) => lines.push(line));
    reporter.onTestModuleStart(file('test/a.test.ts'));
    reporter.onTestRunEnd();
    await wait(60);
    assert.deepEqual(lines, []);
  });
});
