import { describe, expect, it } from 'vitest';
import { lex } from '../../../src/keepalived/lexer';

const words = (text: string, opts = {}) => lex(text, opts).lines.map((l) => l.tokens.map((t) => t.text).join(' '));

describe('the reader, as keepalived 2.2.7 reads', () => {
  it('drops comments from # or ! anywhere outside quotes; \\# is a literal #', () => {
    expect(words('priority 100 # high\n! whole line\nauth_pass ab!cd\nfoo "a # b" # c\nx \\#y')).toEqual([
      'priority 100', 'auth_pass ab', 'foo a # b', 'x #y',
    ]);
  });

  it('keeps a final backslash of a commented line and glues it to the text, as decomment() does', () => {
    expect(words('auth_type PASS  # comment ending in a backslash \\')).toEqual(['auth_type PASS\\']);
  });

  it('cuts lines at braces outside quotes, so braces may sit anywhere', () => {
    expect(words('vrrp_instance V { interface eth0 }')).toEqual(['vrrp_instance V', '{', 'interface eth0', '}']);
    expect(words('notify "a { b }" {')).toEqual(['notify a { b }', '{']);
  });

  it('keeps exact 1-based positions of every token', () => {
    const [line] = lex('   priority   100').lines;
    expect(line!.tokens.map((t) => [t.text, t.line, t.column, t.endColumn])).toEqual([
      ['priority', 1, 4, 12],
      ['100', 1, 15, 18],
    ]);
    const quoted = lex('x "hello world"').lines[0]!.tokens[1]!;
    expect([quoted.text, quoted.quoted, quoted.column, quoted.endColumn]).toEqual(['hello world', true, 3, 16]);
  });

  it('keeps @id lines for the matching config id and @^id lines for the others', () => {
    const text = '@lb1 priority 150\n@lb2 priority 100\n@^lb1 weight 1';
    expect(words(text, { configId: 'lb1' })).toEqual(['priority 150']);
    expect(words(text, { configId: 'lb2' })).toEqual(['priority 100', 'weight 1']);
  });

  it('expands $NAME and ${NAME} definitions, also multi-line ones', () => {
    expect(words('$IF=eth0\ninterface $IF\ndev ${IF}x')).toEqual(['interface eth0', 'dev eth0x']);
    expect(words('$VIPS=10.0.0.1 \\\n 10.0.0.2\n$VIPS')).toEqual(['10.0.0.1', '10.0.0.2']);
  });

  it('repeats a line with ~SEQ', () => {
    expect(words('~SEQ(i, 1, 3) 10.0.0.$i')).toEqual(['10.0.0.1', '10.0.0.2', '10.0.0.3']);
    expect(words('~SEQ(i, 10, 5, 20) p $i')).toEqual(['p 10', 'p 15', 'p 20']);
  });

  it('hands include lines to the caller, and says so when they cannot be followed', () => {
    const res = lex('include /etc/keepalived/*.conf\npriority 1');
    expect(res.lines.map((l) => l.tokens[0]!.text)).toEqual(['priority']);
    expect(res.diagnostics[0]).toMatchObject({ code: 'include', severity: 'info', line: 1 });
    const followed = lex('include x.conf', { include: () => [{ file: 'x.conf', text: 'state MASTER' }] });
    expect(followed.lines[0]!.tokens.map((t) => t.text)).toEqual(['state', 'MASTER']);
    expect(followed.lines[0]!.file).toBe('x.conf');
  });

  it('counts braces like read_line: extra closing braces are errors, unclosed ones are left over', () => {
    const res = lex('}\na {\nb {\n}');
    expect(res.diagnostics.map((d) => [d.code, d.line])).toEqual([['extra-close-brace', 1]]);
    expect(res.depth).toBe(1);
  });

  it('treats CRLF line ends like LF', () => {
    expect(words('a 1\r\nb 2\r\n')).toEqual(['a 1', 'b 2']);
  });
});
