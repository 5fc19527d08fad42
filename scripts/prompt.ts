// Asks for a password on the terminal without echoing it. Refuses when there is no terminal to
// ask on, so a script never hangs waiting for input that cannot come.
import { stdin, stdout } from 'node:process';

export function readPassword(question: string): Promise<string> {
  if (!stdin.isTTY) {
    return Promise.reject(new Error('No terminal to ask for the password: set SWITCHBOARD_PASSWORD instead.'));
  }
  return new Promise((resolve, reject) => {
    stdout.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    let typed = '';
    const done = (fn: () => void) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      stdout.write('\n');
      fn();
    };
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done(() => resolve(typed));
        if (ch === '\u0003') return done(() => reject(new Error('Cancelled.')));
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    stdin.on('data', onData);
  });
}
