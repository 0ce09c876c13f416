/** lvs-lab ipvsadm: ipvsadm (and sysctl net.ipv4.vs) on a simulated director, as the real tools answer. */
import { transcript } from '../sim/ipvsadm/script';
import { Director, ipvsadm } from '../sim/ipvsadm/run';
import { EXIT, type Command } from './io';

const HELP = `usage: lvs-lab ipvsadm --script FILE
       lvs-lab ipvsadm [IPVSADM OPTIONS]

--script FILE runs the file's lines in order on one fresh simulated director (Linux 6.1, ipvsadm 1.31):
each line an \`ipvsadm …\`, \`ipvsadm-save\`, \`ipvsadm-restore <<EOF\` … \`EOF\` or \`sysctl net.ipv4.vs…\`
command, or client traffic and the clock:
  curl [-sS] [--local-port P] http://VIP:PORT/      one HTTP request from client 203.0.113.1
  connect [-n N] [-c M] [--hold|--close|--reset] VIP:PORT
                                                    N connections from clients 203.0.113.1 … M
  disconnect                                        close the held connections
  sleep SECONDS                                     let time pass (timeouts, templates, rates)
Blank lines and # comments are skipped. For each it prints \`$ LINE\`, what the command printed
(stdout, then stderr), and \`[exit N]\` with its exit status (ipvsadm's own: 0, 2 for a bad argument, 255
for an operation the kernel refuses). The test suite runs the same scripts on a real director, so the two
transcripts compare with diff.

Without --script, the options are one ipvsadm command on a fresh director; its output and exit status
are ipvsadm's.`;

export const run: Command = async (argv, io) => {
  if (argv[0] === '--help' || argv[0] === '-h' && argv.length === 1) {
    io.out(HELP);
    return EXIT.ok;
  }
  if (argv[0] === '--script') {
    const file = argv[1];
    if (!file || argv.length > 2) {
      io.err(`lvs-lab ipvsadm: --script takes one FILE\n\n${HELP}`);
      return EXIT.usage;
    }
    let text: string;
    try {
      text = await io.readFile(file);
    } catch (e) {
      io.err(`lvs-lab ipvsadm: cannot read '${file}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      return EXIT.usage;
    }
    io.out(transcript(text).replace(/\n$/, ''));
    return EXIT.ok;
  }
  const r = ipvsadm(new Director(), argv);
  if (r.stdout) io.out(r.stdout.replace(/\n$/, ''));
  if (r.stderr) io.err(r.stderr.replace(/\n$/, ''));
  return r.exit;
};
