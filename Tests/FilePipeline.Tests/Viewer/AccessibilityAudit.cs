namespace FilePipeline.Tests.Viewer;

/// <summary>
/// A small in-page accessibility check: every form control labelled, every link and button named, one h1, a
/// language and a title, and WCAG AA text contrast (4.5:1) for every visible text, against its effective background.
/// Returns one line per problem.
/// </summary>
public static class AccessibilityAudit
{
    public const string Script = """
        () => {
          const problems = [];
          const visible = el => {
            const style = getComputedStyle(el);
            const box = el.getBoundingClientRect();
            return style.visibility !== 'hidden' && style.display !== 'none' && box.width > 1 && box.height > 1;
          };
          for (const el of document.querySelectorAll('input:not([type=hidden]), select, textarea')) {
            if (!(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
              problems.push('unlabelled control: ' + el.outerHTML.slice(0, 80));
          }
          for (const el of document.querySelectorAll('a[href], button')) {
            if (visible(el) && !(el.innerText || el.getAttribute('aria-label') || '').trim())
              problems.push('control without a name: ' + el.outerHTML.slice(0, 80));
          }
          if (!document.documentElement.lang) problems.push('no lang attribute');
          if (!document.title) problems.push('no title');
          if (document.querySelectorAll('h1').length !== 1) problems.push('not exactly one h1');
          const parse = color => {
            const match = color.match(/rgba?\(([^)]+)\)/);
            if (!match) return null;
            const parts = match[1].split(/[ ,\/]+/).filter(Boolean).map(Number);
            return { r: parts[0], g: parts[1], b: parts[2], a: parts.length > 3 ? parts[3] : 1 };
          };
          const luminance = c => {
            const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
            return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
          };
          const background = el => {
            for (let e = el; e; e = e.parentElement) {
              const c = parse(getComputedStyle(e).backgroundColor);
              if (c && c.a > 0.5) return c;
            }
            return { r: 255, g: 255, b: 255, a: 1 };
          };
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          const seen = new Set();
          while (walker.nextNode()) {
            const node = walker.currentNode;
            const el = node.parentElement;
            if (!node.textContent.trim() || !el || seen.has(el) || el.closest('svg') || !visible(el)) continue;
            seen.add(el);
            const fg = luminance(parse(getComputedStyle(el).color));
            const bg = luminance(background(el));
            const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
            if (ratio < 4.5) problems.push(`contrast ${ratio.toFixed(2)}:1 for "${node.textContent.trim().slice(0, 40)}"`);
          }
          return problems;
        }
        """;
}
