// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import mdx from '@astrojs/mdx';
import { existsSync, readFileSync } from 'node:fs';
import rehypeFocusableTables from './src/markdown/rehype-focusable-tables.mjs';
import rehypeBaseLinks from './src/markdown/rehype-base-links.mjs';
import offline from './src/offline/integration.mjs';

/** Where the site is served from: `/` by default, `LVS_BASE=/lvs-lab/` for a sub-path (see README). */
const base = (process.env.LVS_BASE ?? '/').replace(/^\/?/, '/').replace(/\/?$/, '/');

const nameCodeRegions = readFileSync(new URL('./src/a11y/name-code-regions.js', import.meta.url), 'utf8');

const keepalivedGrammar = JSON.parse(
  readFileSync(new URL('./src/grammars/keepalived.tmLanguage.json', import.meta.url), 'utf8'),
);

/**
 * The chapters, in reading order. A chapter appears in the sidebar once its English file exists,
 * so work on one chapter never breaks the build of the others.
 */
const chapters = ['lvs-vs-nginx', 'forwarding-modes', 'keepalived', 'schedulers', 'netfilter', 'operating', 'playground'];
/** @param {string} slug */
const chapterExists = (slug) =>
  ['mdx', 'md'].some((ext) => existsSync(new URL(`./src/content/docs/en/${slug}.${ext}`, import.meta.url)));

export default defineConfig({
  markdown: { rehypePlugins: [rehypeFocusableTables, [rehypeBaseLinks, { base }]] },
  site: 'https://lvs-lab.example',
  base,
  trailingSlash: 'always',
  // Nothing leaves the origin: no telemetry, no remote fonts or images.
  integrations: [
    starlight({
      title: { en: 'LVS Lab', 'zh-CN': 'LVS 实验室' },
      description: 'How Linux Virtual Server, keepalived and IPVS really work — interactive, and measured against the real systems.',
      defaultLocale: 'en',
      locales: {
        en: { label: 'English', lang: 'en' },
        'zh-cn': { label: '简体中文', lang: 'zh-CN' },
      },
      sidebar: [
        {
          label: 'Chapters',
          translations: { 'zh-CN': '章节' },
          items: chapters.filter(chapterExists).map((slug) => ({ slug })),
        },
      ],
      customCss: ['./src/styles/theme.css'],
      head: [{ tag: 'script', content: nameCodeRegions }],
      expressiveCode: {
        shiki: { langs: [keepalivedGrammar] },
      },
      pagefind: true,
      lastUpdated: false,
      disable404Route: false,
    }),
    mdx(),
    offline({ base }),
  ],
  vite: {
    build: { assetsInlineLimit: 0 },
  },
});
