/** The packet player's and the hook explorer's words for their real-kernel runs, one table per language. */
const EN = {
  title: 'Run it on a real kernel',
  run: 'Start the kernel and run this',
  playerIntro: 'Builds this network (every address, MAC, route and sysctl of the drawing) in namespaces on a real Linux 6.1 kernel in your browser, with real IPVS on the director, sends the same TCP exchange and captures every segment with tcpdump — the test suite\'s own experiment (src/kernel/packets). Each hop of the animation is then held against what tcpdump saw.',
  explorerIntro: 'Runs this scenario\'s exchange on a real Linux 6.1 kernel in your browser with iptables TRACE in every table of the traced node, and lists the hooks and tables each packet really passed beside the model\'s.',
  noFullnat: 'FULLNAT is not in the upstream Linux kernel (it needs the patched kernels or DPVS): a real kernel here cannot show it. Choose NAT, DR or TUN.',
  noTrace: 'This scenario is not one the real kernel can show here: the runs with IPVS (lvs-…) are. Choose one of them.',
  running: 'Running on the real kernel…',
  same: 'Every frame on every segment is what the animation shows (headers, ports, flags, relative sequence numbers, ARP).',
  differ: (n: number) => `The real kernel and the animation differ in ${n} place(s) — the kernel is right:`,
  client: (text: string) => `The client: ${text}.`,
  segment: (link: string, n: number) => `What tcpdump saw on ${link} (${n} frames)`,
  table: 'The director\'s connection table afterwards (ipvsadm -Lnc)',
  traceSame: (n: number) => `The kernel's TRACE agrees with the model: ${n} packet(s), every hook and table in order.`,
  traceDiffer: 'The kernel\'s TRACE and the model part ways — the kernel is right:',
  packet: (n: number, flags: string) => `Packet ${n + 1} (${flags})`,
  kernelPath: 'Real kernel',
  modelPath: 'Model',
  traceLines: (n: number) => `The TRACE lines the kernel logged (${n})`,
};
type PacketStrings = typeof EN;
const ZH: PacketStrings = {
  title: '在真实内核上运行',
  run: '启动内核并运行',
  playerIntro: '在浏览器里运行的真实 Linux 6.1 内核上，用网络命名空间搭建这张网络（图中每个地址、MAC、路由和 sysctl），调度器上运行真实的 IPVS，发出同样的 TCP 交互，并用 tcpdump 抓取每个网段——这正是测试套件自己的实验（src/kernel/packets）。随后逐跳对照动画与 tcpdump 的所见。',
  explorerIntro: '在浏览器里运行的真实 Linux 6.1 内核上运行这个场景的交互，并在被跟踪节点的每张表里打开 iptables TRACE，把每个数据包真正经过的钩子和表与模型并列显示。',
  noFullnat: 'FULLNAT 不在上游 Linux 内核中（需要打过补丁的内核或 DPVS）：这里的真实内核无法演示。请选择 NAT、DR 或 TUN。',
  noTrace: '这个场景无法在这里的真实内核上演示：带 IPVS 的场景（lvs-…）可以。请选择其中之一。',
  running: '正在真实内核上运行…',
  same: '每个网段上的每一帧都与动画一致（首部、端口、标志、相对序号、ARP）。',
  differ: (n) => `真实内核与动画有 ${n} 处不同——以内核为准：`,
  client: (text) => `客户端：${text}。`,
  segment: (link, n) => `tcpdump 在 ${link} 上看到的内容（${n} 帧）`,
  table: '之后调度器的连接表（ipvsadm -Lnc）',
  traceSame: (n) => `内核的 TRACE 与模型一致：${n} 个数据包，每个钩子和表的顺序都相同。`,
  traceDiffer: '内核的 TRACE 与模型出现分歧——以内核为准：',
  packet: (n, flags) => `数据包 ${n + 1}（${flags}）`,
  kernelPath: '真实内核',
  modelPath: '模型',
  traceLines: (n) => `内核记录的 TRACE 行（${n} 行）`,
};

export const packetStrings = (lang: string): PacketStrings => (lang.startsWith('zh') ? ZH : EN);
