import { describe, expect, it } from 'vitest';
import { escapeHtml, percent, rateWithInterval } from './escape.js';

describe('escapeHtml', () => {
  it('escapes every character that could open a tag, an entity or leave an attribute', () => {
    expect(escapeHtml(`<img src=x onerror="alert('hi')"> & more`)).toBe(
      '&lt;img src=x onerror=&quot;alert(&#39;hi&#39;)&quot;&gt; &amp; more',
    );
  });

  it('escapes every occurrence, not only the first', () => {
    expect(escapeHtml('<<>>""\'\'&&')).toBe('&lt;&lt;&gt;&gt;&quot;&quot;&#39;&#39;&amp;&amp;');
  });

  it('keeps a model-written quote from closing an attribute value', () => {
    const attribute = `<td title="${escapeHtml('x" onmouseover="steal()')}">`;
    expect(attribute).toBe('<td title="x&quot; onmouseover=&quot;steal()">');
    expect(`<td title='${escapeHtml("x' onclick='steal()")}'>`).not.toContain("x' onclick");
  });

  it('turns non-strings into text and leaves plain text alone', () => {
    expect(escapeHtml(42)).toBe('42');
    expect(escapeHtml(null)).toBe('null');
    expect(escapeHtml('Ada sent 3 emails.')).toBe('Ada sent 3 emails.');
  });
});

describe('percent', () => {
  it('shows a dash for a missing rate: null, undefined or NaN', () => {
    expect(percent(null)).toBe('–');
    expect(percent(undefined)).toBe('–');
    expect(percent(Number.NaN)).toBe('–');
  });

  it('shows a rate as a rounded percentage, zero included', () => {
    expect(percent(0.62)).toBe('62%');
    expect(percent(0)).toBe('0%');
    expect(percent(1)).toBe('100%');
  });
});

describe('rateWithInterval', () => {
  it('shows the rate with its interval, one percent sign at the end', () => {
    expect(rateWithInterval(0.62, 0.55, 0.68)).toBe('62% [55–68%]');
  });

  it('says "no valid trials" when there is no rate, and 0% when the rate is zero', () => {
    expect(rateWithInterval(null, 0, 1)).toBe('no valid trials');
    expect(rateWithInterval(0, 0, 0.1)).toBe('0% [0–10%]');
  });
});
