import { describe, expect, it } from 'vitest';
import { expandTemplate, uriTemplateVariables } from './uri-template.js';

// The examples of RFC 6570 section 3.2.
const VALUES = {
  var: 'value',
  hello: 'Hello World!',
  path: '/foo/bar',
  empty: '',
  x: '1024',
  y: '768',
  list: ['red', 'green', 'blue'],
};

describe('expandTemplate', () => {
  it.each([
    ['{var}', 'value'],
    ['{hello}', 'Hello%20World%21'],
    ['{+hello}', 'Hello%20World!'],
    ['{+path}/here', '/foo/bar/here'],
    ['{#hello}', '#Hello%20World!'],
    ['{/var,x}/here', '/value/1024/here'],
    ['{;x,y,empty}', ';x=1024;y=768;empty'],
    ['{?x,y,empty}', '?x=1024&y=768&empty='],
    ['?fixed=yes{&x}', '?fixed=yes&x=1024'],
    ['X{.var}', 'X.value'],
    ['{.list}', '.red,green,blue'],
    ['{/list*}', '/red/green/blue'],
    ['{?list*}', '?list=red&list=green&list=blue'],
    ['{var:3}', 'val'],
    ['{+path:6}/here', '/foo/b/here'],
    ['{x,undef}', '1024'],
    ['{?undef}', ''],
  ])('%s → %s', (template, expected) => {
    expect(expandTemplate(template, VALUES)).toBe(expected);
  });

  it('percent-encodes UTF-8 and keeps existing escapes only where reserved characters are allowed', () => {
    expect(expandTemplate('{city}', { city: 'Zürich' })).toBe('Z%C3%BCrich');
    expect(expandTemplate('{+p}|{p}', { p: 'a%20b' })).toBe('a%20b|a%2520b');
  });
});

describe('uriTemplateVariables', () => {
  it('names each variable once, without modifiers', () => {
    expect(uriTemplateVariables('weather://{city}/forecast{?days,unit}{&city}')).toEqual([
      'city',
      'days',
      'unit',
    ]);
    expect(uriTemplateVariables('{/list*}{var:3}')).toEqual(['list', 'var']);
  });
});
