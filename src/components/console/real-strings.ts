/** The console's words for its real-kernel switch, one table per language. */
const EN = {
  toggle: 'Real kernel',
  toggleHint: 'Send the commands to real ipvsadm on a real Linux 6.1 kernel running in your browser',
  starting: 'Starting the real kernel…',
  ready: 'Commands now go to real ipvsadm on the real kernel (the simulation runs beside it and is shown where it differs). Time passes for real there: sleep 120 takes two minutes.',
  banner: (n: number) => `── real kernel: a fresh director, ${n === 0 ? 'nothing typed before to replay' : `${n} earlier command${n === 1 ? '' : 's'} replayed on it`} ──`,
  back: '── the simulated director again ──',
  running: 'Running on the real kernel…',
  differs: '≠ the simulation printed:',
  same: 'The simulation printed the same.',
  prompt: 'real#',
};
type RealStrings = typeof EN;
const ZH: RealStrings = {
  toggle: '真实内核',
  toggleHint: '把命令发给浏览器里运行的真实 Linux 6.1 内核上的真实 ipvsadm',
  starting: '正在启动真实内核…',
  ready: '命令现在发给真实内核上的真实 ipvsadm（模拟在旁同步运行，有差异时显示）。那里的时间是真实流逝的：sleep 120 要等两分钟。',
  banner: (n) => `── 真实内核：新的调度器，${n === 0 ? '之前没有要重放的命令' : `已重放之前的 ${n} 条命令`} ──`,
  back: '── 回到模拟的调度器 ──',
  running: '正在真实内核上运行…',
  differs: '≠ 模拟的输出是：',
  same: '模拟的输出相同。',
  prompt: 'real#',
};

export const realStrings = (lang: string): RealStrings => (lang.startsWith('zh') ? ZH : EN);
