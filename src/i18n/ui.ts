/**
 * UI strings of our own components, one table per language.
 * Chapter prose lives in the MDX files; this holds only the words on controls.
 */
export const languages = ['en', 'zh-cn'] as const;
export type UiLang = (typeof languages)[number];

const en = {
  'player.label': 'Simulation controls',
  'player.reset': 'Reset to the start',
  'player.back': 'Step back',
  'player.forward': 'Step forward',
  'player.play': 'Play',
  'player.pause': 'Pause',
  'player.speed': 'Speed',
  'player.timeline': 'Timeline',
  'player.step': 'Step {i} of {n}',
  'player.atStart': 'Start: nothing has happened yet.',
  'player.keys': 'Keys: Space play/pause · ← → step · Home start · End last step · ? help',
  'player.help': 'Keyboard help',
  'player.helpTitle': 'Keys in this lab',
  'player.close': 'Close',
  'player.key.play': 'play or pause',
  'player.key.step': 'one step back or forward',
  'player.key.home': 'back to the start',
  'player.key.end': 'jump to the last step',
  'player.key.help': 'open this help; Esc closes it',
  'player.key.tab': 'move between the lab’s controls; the drawing’s words are also read out after every step',
  'player.share': 'Link to this moment',
  'player.copied': 'Link copied',
  'player.events': 'Event list',
  'player.filter': 'Filter events',
  'player.more': '{n} more: narrow the filter to see them',
  'player.noEvents': 'No event matches.',
  'demo.title': 'One request through a VS/NAT director',
  'demo.caption': 'Step through one HTTP request from a client to a real server and back. The fields that change at each hop are highlighted.',
} as const;

export type UiKey = keyof typeof en;

const zh: Record<UiKey, string> = {
  'player.label': '模拟控制',
  'player.reset': '回到开始',
  'player.back': '后退一步',
  'player.forward': '前进一步',
  'player.play': '播放',
  'player.pause': '暂停',
  'player.speed': '速度',
  'player.timeline': '时间线',
  'player.step': '第 {i} 步，共 {n} 步',
  'player.atStart': '开始：还什么都没有发生。',
  'player.keys': '按键：空格 播放/暂停 · ← → 单步 · Home 回到开始 · End 最后一步 · ? 帮助',
  'player.help': '键盘帮助',
  'player.helpTitle': '本实验的按键',
  'player.close': '关闭',
  'player.key.play': '播放或暂停',
  'player.key.step': '后退或前进一步',
  'player.key.home': '回到开始',
  'player.key.end': '跳到最后一步',
  'player.key.help': '打开本帮助；Esc 关闭',
  'player.key.tab': '在实验的控件之间移动；每一步之后，图中的文字也会被朗读出来',
  'player.share': '链接到此时刻',
  'player.copied': '链接已复制',
  'player.events': '事件列表',
  'player.filter': '筛选事件',
  'player.more': '还有 {n} 条：缩小筛选范围即可看到',
  'player.noEvents': '没有匹配的事件。',
  'demo.title': '一个请求穿过 VS/NAT 调度器',
  'demo.caption': '一步一步看一个 HTTP 请求从客户端到真实服务器再回来。每一跳改变的字段会高亮显示。',
};

const tables: Record<UiLang, Record<UiKey, string>> = { en, 'zh-cn': zh };

export function langOf(locale: string | undefined): UiLang {
  return locale && locale.toLowerCase().startsWith('zh') ? 'zh-cn' : 'en';
}

/** Look up a UI string; `{name}` placeholders are filled from `vars`. */
export function t(lang: UiLang, key: UiKey, vars: Record<string, string | number> = {}): string {
  return tables[lang][key].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`));
}

/** The whole table for one language, for islands that render on the client. */
export function uiTable(lang: UiLang): Record<UiKey, string> {
  return tables[lang];
}
