/** The console's own words, one table per language. */
export const STRINGS = {
  en: {
    title: 'A director\'s console',
    hint: 'Type ipvsadm and sysctl commands as on a real director (Linux 6.1, ipvsadm 1.31): the output is what they print there. Send traffic with curl and connect, let time pass with sleep. Tab completes, ↑ and ↓ go through your history, help lists what it understands.',
    label: 'Command',
    output: 'Console output',
    prompt: 'director#',
    link: 'Link to this console',
    copied: 'Link copied: it replays your commands.',
    help: `This console understands:
  ipvsadm …              every ipvsadm 1.31 option: -A/-E/-D/-C, -a/-e/-d, -L/-l with -n, -c, --stats,
                         --rate, --exact, --timeout, --thresholds, --persistent-conn, --tun-info, --nosort,
                         -S/-R, -Z, --set, -t/-u/-f/--sctp-service, -s, -b, -p, -M, --pe, -g/-m/-i, -w, -x/-y
  ipvsadm-save [-n]      the rules that rebuild the table
  ipvsadm-restore <<EOF  clear the table and load rules typed up to a line EOF
  sysctl net.ipv4.vs     read the IPVS settings; sysctl -w net.ipv4.vs.NAME=VALUE changes one
  curl [-sS] [--local-port P] http://VIP:PORT/
                         one HTTP request from client 203.0.113.1; the real server answers with its name
  connect [-n N] [-c M] [--hold|--close|--reset] VIP:PORT
                         N connections from clients 203.0.113.1…M, held open (default), closed or reset
  disconnect             close every held connection
  sleep SECONDS          let time pass: timeouts run out, FIN_WAIT and TIME_WAIT end, templates expire
  clear                  clear the screen;  help  this list
The network: clients 203.0.113.0/24 behind the director; each real server answers HTTP on its ports.`,
    exit: 'exit status',
    replayed: 'Replayed {n} commands from the link.',
  },
  zh: {
    title: '调度器控制台',
    hint: '像在真实调度器上一样输入 ipvsadm 和 sysctl 命令（Linux 6.1，ipvsadm 1.31）：输出与真实系统打印的一致。用 curl 和 connect 发送流量，用 sleep 让时间流逝。Tab 补全，↑ ↓ 浏览历史，help 列出支持的命令。',
    label: '命令',
    output: '控制台输出',
    prompt: 'director#',
    link: '链接到此控制台',
    copied: '链接已复制：打开它会重放你的命令。',
    help: `这个控制台支持：
  ipvsadm …              ipvsadm 1.31 的全部选项：-A/-E/-D/-C、-a/-e/-d、-L/-l 及 -n、-c、--stats、
                         --rate、--exact、--timeout、--thresholds、--persistent-conn、--tun-info、--nosort，
                         -S/-R、-Z、--set、-t/-u/-f/--sctp-service、-s、-b、-p、-M、--pe、-g/-m/-i、-w、-x/-y
  ipvsadm-save [-n]      输出能重建该表的规则
  ipvsadm-restore <<EOF  清空表，并载入直到 EOF 行为止输入的规则
  sysctl net.ipv4.vs     读取 IPVS 设置；sysctl -w net.ipv4.vs.名称=值 修改其中一项
  curl [-sS] [--local-port P] http://VIP:PORT/
                         从客户端 203.0.113.1 发出一个 HTTP 请求；真实服务器回答自己的名字
  connect [-n N] [-c M] [--hold|--close|--reset] VIP:PORT
                         从客户端 203.0.113.1…M 建立 N 个连接：保持（默认）、关闭或重置
  disconnect             关闭所有保持着的连接
  sleep 秒数             让时间流逝：超时到期，FIN_WAIT 与 TIME_WAIT 结束，持久模板过期
  clear                  清屏；help  显示本列表
网络：客户端位于 203.0.113.0/24，在调度器之后；每台真实服务器在其端口上应答 HTTP。`,
    exit: '退出状态',
    replayed: '已重放链接中的 {n} 条命令。',
  },
} as const;

export type ConsoleStrings = { [K in keyof (typeof STRINGS)['en']]: string };
export const stringsFor = (lang: string): ConsoleStrings => (lang.startsWith('zh') ? STRINGS.zh : STRINGS.en);
