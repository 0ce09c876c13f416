/** The hook explorer's own words, one table per language. */
export const STRINGS = {
  en: {
    title: 'Hook explorer: follow a packet through the kernel',
    scenario: 'Scenario',
    callbacks: 'Callbacks on this hook, in the order the kernel runs them',
    priority: 'Priority',
    fn: 'Function',
    owner: 'Registered by',
    verdict: 'Verdict',
    packet: 'Packet',
    start: 'Press step or play to send the packet.',
    diagram: 'Packet-flow diagram: the network, the five Netfilter hooks, the routing decisions and the local process.',
    netIn: 'Network in',
    netOut: 'Network out',
    local: 'Local process',
    routeIn: 'Routing decision',
    routeOut: 'ip_output',
    ipvs: 'IPVS',
    skipped: 'not run',
  },
  zh: {
    title: '钩子浏览器：跟随一个数据包穿过内核',
    scenario: '场景',
    callbacks: '此钩子上的回调，按内核执行的顺序',
    priority: '优先级',
    fn: '函数',
    owner: '注册者',
    verdict: '结论',
    packet: '数据包',
    start: '按“前进一步”或“播放”发送数据包。',
    diagram: '数据包流向图：网络、五个 Netfilter 钩子、路由决策和本机进程。',
    netIn: '网络（入）',
    netOut: '网络（出）',
    local: '本机进程',
    routeIn: '路由决策',
    routeOut: 'ip_output',
    ipvs: 'IPVS',
    skipped: '未执行',
  },
} as const;

export type ExplorerStrings = { [K in keyof (typeof STRINGS)['en']]: string };
export const stringsFor = (lang: string): ExplorerStrings => (lang.startsWith('zh') ? STRINGS.zh : STRINGS.en);
