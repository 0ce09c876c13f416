/**
 * How every lab speaks of the real kernel while it starts, when it cannot, and what it is: one
 * place for the words (English and Chinese), so the labs say the same thing the same way.
 */
import type { KernelError, KernelInfo, StartProgress } from '../../kernel/client';

const zh = (lang: string) => lang.startsWith('zh');
const mb = (n: number) => (n / 1e6).toFixed(1);

export function progressText(p: StartProgress, lang: string): string {
  const z = zh(lang);
  switch (p.phase) {
    case 'manifest':
      return z ? '正在查找内核镜像…' : 'Looking for the kernel image…';
    case 'download':
      return p.total
        ? z ? `正在下载内核：${mb(p.loaded ?? 0)} / ${mb(p.total)} MB（只下载一次，之后离线也能用）` : `Downloading the kernel: ${mb(p.loaded ?? 0)} of ${mb(p.total)} MB (once; kept for offline use)`
        : z ? '正在下载内核…' : 'Downloading the kernel…';
    case 'restore':
      return z ? '正在恢复已启动的机器（v86 WebAssembly 模拟器）…' : 'Restoring the booted machine (the v86 WebAssembly emulator)…';
    case 'check':
      return z ? '正在确认机器已应答…' : 'Checking that the machine answers…';
  }
}

export function readyText(info: KernelInfo, lang: string): string {
  const s = (info.ms / 1000).toFixed(1);
  return zh(lang)
    ? `真实内核 Linux ${info.kernel} 已就绪（${s} 秒${info.fromCache ? '，来自本地缓存' : `，下载 ${mb(info.bytes)} MB`}）。`
    : `Real kernel Linux ${info.kernel} ready (${s} s${info.fromCache ? ', from the local cache' : `, ${mb(info.bytes)} MB downloaded`}).`;
}

export function errorText(err: unknown, lang: string): string {
  const z = zh(lang);
  const e = err as Partial<KernelError> & { message?: string };
  const detail = e.message ?? String(err);
  switch (e.reason) {
    case 'unsupported': {
      const l = e.lack;
      const lack = !l ? '' : l.what === 'wasm' ? (z ? '没有 WebAssembly' : 'no WebAssembly') : l.what === 'worker' ? (z ? '没有 Web Worker' : 'no Web Workers') : z ? `只有 ${l.gb} GB 内存（这台机器约需 350 MB）` : `only ${l.gb} GB of memory (the machine needs about 350 MB)`;
      return z ? `这个浏览器无法运行真实内核：${lack}。模拟照常可用。` : `This browser cannot run the real kernel: ${lack}. The simulation still works.`;
    }
    case 'no-image':
      return z ? '这个站点构建时没有附带内核镜像（scripts/kernel-image/build.sh）。模拟照常可用。' : 'This copy of the site was built without its kernel image (scripts/kernel-image/build.sh). The simulation still works.';
    case 'network':
      return z ? `下载内核失败（${detail}）。联网后再试；下载过一次后离线也能启动。` : `The kernel could not be downloaded (${detail}). Try again online; once downloaded it starts offline too.`;
    case 'memory':
      return z ? `浏览器没能给这台机器分配内存（约 350 MB）：${detail}` : `The browser could not give the machine its memory (about 350 MB): ${detail}`;
    case 'timeout':
      return z ? `内核没有及时应答：${detail}` : `The kernel did not answer in time: ${detail}`;
    default:
      return z ? `真实内核出错：${detail}` : `The real kernel failed: ${detail}`;
  }
}

/** What the machine is, for the reader who asks (and the GPL: where its source is). */
export const aboutText = (lang: string, base: string): string =>
  zh(lang)
    ? `这是 Debian 12 的 i386 内核（与测试套件里用户态 Linux 的版本相同），带真实的 IPVS、ipvsadm、iproute2 和 iptables，运行在浏览器里的 v86 模拟器中，数据不离开你的电脑。所用的每个 Debian 软件包及其源码版本见 ${base}kernel/manifest.json；镜像由 scripts/kernel-image/build.sh 构建。`
    : `This is Debian 12's i386 kernel (the version the test suite's user-mode Linux runs) with real IPVS, ipvsadm, iproute2 and iptables, running in the v86 emulator inside your browser; nothing leaves your computer. Every Debian package in it, with its source version, is listed in ${base}kernel/manifest.json; scripts/kernel-image/build.sh builds the image.`;
