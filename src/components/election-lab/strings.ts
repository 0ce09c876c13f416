/** The election lab's own words, one table per language. */
export const STRINGS = {
  en: {
    title: 'VRRP election lab',
    router: 'Router',
    priority: 'Priority',
    nopreempt: 'nopreempt',
    stop: 'Stop',
    crash: 'Crash',
    start: 'Start',
    cut: 'Cut link',
    heal: 'Heal link',
    hint: 'Actions happen at the moment shown by the timeline; what came after it is replayed from there.',
    lanes: 'State of each router over time',
    log: 'State changes',
  },
  zh: {
    title: 'VRRP 选举实验',
    router: '路由器',
    priority: '优先级',
    nopreempt: 'nopreempt',
    stop: '停止',
    crash: '崩溃',
    start: '启动',
    cut: '断开链路',
    heal: '恢复链路',
    hint: '操作发生在时间线所示的时刻；之后的过程从该时刻起重新模拟。',
    lanes: '各路由器随时间变化的状态',
    log: '状态变化',
  },
} as const;

export const stringsFor = (lang: string) => (lang.startsWith('zh') ? STRINGS.zh : STRINGS.en);
