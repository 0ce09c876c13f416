/**
 * keepalived highlighting for the editor, built from the very TextMate grammar the site's code blocks
 * use (src/grammars/keepalived.tmLanguage.json): each `match` rule becomes a sticky regular expression
 * tried at the stream's position, in the grammar's order, so a word is coloured alike in the chapters
 * and in the playground. Scopes map to CodeMirror tags; the page's CSS colours the tags' classes.
 */
import { StreamLanguage, HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { tags as t, type Tag } from '@lezer/highlight';
import grammar from '../../grammars/keepalived.tmLanguage.json';

interface Rule { name: string; match?: string; begin?: string; end?: string; patterns?: Rule[]; include?: string }

const SCOPES: Array<[string, Tag, string]> = [
  ['comment', t.lineComment, 'comment'],
  ['keyword.control.import', t.moduleKeyword, 'include'],
  ['meta.preprocessor', t.processingInstruction, 'directive'],
  ['variable.other.definition', t.definition(t.variableName), 'definition'],
  ['variable.other', t.variableName, 'variable'],
  ['support.function', t.function(t.variableName), 'function'],
  ['entity.name.class.section', t.definitionKeyword, 'block'],
  ['punctuation.section.block', t.brace, 'brace'],
  ['keyword.other', t.keyword, 'keyword'],
  ['constant.language', t.atom, 'atom'],
  ['string.quoted', t.string, 'string'],
  ['constant.numeric', t.number, 'number'],
];

const styleOf = (scope: string) => SCOPES.find(([prefix]) => scope.startsWith(prefix))?.[2];

/** The grammar's rules, flattened in the order the grammar tries them. */
function compile(): Array<{ re: RegExp; style: string }> {
  const g = grammar as unknown as { patterns: Rule[]; repository: Record<string, { patterns: Rule[] }> };
  const out: Array<{ re: RegExp; style: string }> = [];
  const add = (rules: Rule[]) => {
    for (const r of rules) {
      if (r.include) add(g.repository[r.include.slice(1)]?.patterns ?? []);
      else if (r.match) out.push({ re: new RegExp(r.match, 'y'), style: styleOf(r.name) ?? 'text' });
      // The grammar's only begin/end rule is a double-quoted string with backslash escapes.
      else if (r.begin === '"') out.push({ re: /"(?:\\.|[^"\\])*"?/y, style: styleOf(r.name) ?? 'string' });
    }
  };
  add(g.patterns);
  return out;
}

const RULES = compile();

export const keepalivedLanguage = StreamLanguage.define<null>({
  name: 'keepalived',
  startState: () => null,
  token(stream) {
    const line = stream.string;
    for (const { re, style } of RULES) {
      re.lastIndex = stream.pos;
      const m = re.exec(line);
      if (m && m[0].length > 0) {
        stream.pos += m[0].length;
        return style;
      }
    }
    // Nothing the grammar colours: a run of white space, or one word.
    if (!stream.eatSpace()) stream.match(/^[^\s{}"]+/) || stream.next();
    return null;
  },
  tokenTable: Object.fromEntries(SCOPES.map(([, tag, style]) => [style, tag])),
  languageData: { commentTokens: { line: '#' } },
});

export const keepalivedHighlight = syntaxHighlighting(HighlightStyle.define(SCOPES.map(([, tag, style]) => ({ tag, class: `kc-${style}` }))));
