import 'reflect-metadata';
import { failStartup } from '@duban/config';
import { COMMANDS } from './commands';

/** `npm run migrate`, `npm run plan:parse -- FILE`, `npm run plan:import -- FILE...`, `seed`. */
async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    process.stderr.write(`usage: duban <${Object.keys(COMMANDS).join('|')}> …\n`);
    return 2;
  }
  return command(args);
}

// stdout to a pipe is asynchronous: exit only once it has drained, or a large JSON is cut short
const drained = (stream: NodeJS.WriteStream) => new Promise<void>((resolve) => stream.write('', () => resolve()));

main(process.argv.slice(2)).then(async (code) => {
  await Promise.all([drained(process.stdout), drained(process.stderr)]);
  process.exit(code);
}, failStartup);
