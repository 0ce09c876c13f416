/** The scheduler lab's words for its real-kernel replay, one table per language. */
const EN = {
  title: 'Run it on a real kernel',
  intro: 'The same 100 connections of this traffic (scheduler, weights and pattern above) go through real IPVS: Debian\'s Linux 6.1 kernel in your browser (v86, WebAssembly), three network namespaces, one real TCP connection per client, with the test suite\'s own replayer (test/kernel/guest/replay-schedulers.py). The kernel\'s pick for each connection is shown beside the simulation\'s.',
  run: 'Start the kernel and replay 100 connections',
  starting: 'Starting the real kernel…',
  replaying: 'Replaying 100 connections on the real kernel…',
  equal: (n: number, ms: number) => `The kernel picked what the simulation picked for all ${n} connections (${(ms / 1000).toFixed(1)} s on the real kernel).`,
  differ: (d: number, n: number) => `The kernel and the simulation differ on ${d} of ${n} connections (marked ≠ below): the kernel is right.`,
  bits: (d: number) => `This kernel is 32-bit (i386), where the kernel's hsiphash is HalfSipHash; mh builds its table with it, so a 64-bit director (and the lab above, which models one) would send ${d} of these connections elsewhere. The simulation in this table runs as a 32-bit kernel.`,
  noTwos: 'twos came after Linux 6.1: this kernel has no such scheduler. Choose another to replay.',
  noPersistence: 'The replay carries connections, not persistence templates: set persistence_timeout to off to replay this traffic.',
  noSorry: 'The replay has no sorry server: untick it to replay this traffic.',
  tableLabel: 'Each connection: the server the simulation picked and the one the kernel picked',
  clientCol: 'Client',
  simCol: 'Simulation',
  kernelCol: 'Real kernel',
};
type KernelStrings = typeof EN;
const ZH: KernelStrings = {
  title: '在真实内核上运行',
  intro: '把这段流量中的同样 100 个连接（上面的调度算法、权重和流量模式）送进真实的 IPVS：浏览器里运行的 Debian Linux 6.1 内核（v86，WebAssembly），三个网络命名空间，每个客户端一条真实的 TCP 连接，使用测试套件自己的重放程序（test/kernel/guest/replay-schedulers.py）。每个连接旁边并列显示内核和模拟各自选中的服务器。',
  run: '启动内核并重放 100 个连接',
  starting: '正在启动真实内核…',
  replaying: '正在真实内核上重放 100 个连接…',
  equal: (n, ms) => `全部 ${n} 个连接，内核选中的服务器都与模拟相同（真实内核上用时 ${(ms / 1000).toFixed(1)} 秒）。`,
  differ: (d, n) => `${n} 个连接中有 ${d} 个内核与模拟不同（下表标 ≠）：以内核为准。`,
  bits: (d) => `这个内核是 32 位（i386）的，内核的 hsiphash 在 32 位上是 HalfSipHash；mh 用它建表，所以 64 位的调度器（以及上面模拟 64 位的实验）会把其中 ${d} 个连接发往别处。本表中的模拟按 32 位内核计算。`,
  noTwos: 'twos 在 Linux 6.1 之后才加入：这个内核没有它。换一个调度算法再重放。',
  noPersistence: '重放只包含连接，不包含持久化模板：把 persistence_timeout 设为关闭后再重放。',
  noSorry: '重放没有 sorry server：取消勾选后再重放。',
  tableLabel: '每个连接：模拟选中的服务器与内核选中的服务器',
  clientCol: '客户端',
  simCol: '模拟',
  kernelCol: '真实内核',
};

export const kernelStrings = (lang: string): KernelStrings => (lang.startsWith('zh') ? ZH : EN);
